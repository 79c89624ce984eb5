import { parseStatusReport, StatusReportError } from './status-report.js';

function report(version: '03' | '10', group: string, transactions: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.${version}">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>BANK-RPT-0001</MsgId><CreDtTm>2026-12-05T09:12:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>CARNET-2026-11-AB12CD34</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
      ${group}
    </OrgnlGrpInfAndSts>
    ${transactions}
  </CstmrPmtStsRpt>
</Document>`;
}

const twoTransactions = `
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>PMT-1</OrgnlPmtInfId>
      <TxInfAndSts>
        <OrgnlEndToEndId>E2E-VENUE-A</OrgnlEndToEndId>
        <TxSts>ACSC</TxSts>
        <AccptncDtTm>2026-12-04T16:00:00</AccptncDtTm>
      </TxInfAndSts>
      <TxInfAndSts>
        <OrgnlEndToEndId>E2E-VENUE-B</OrgnlEndToEndId>
        <TxSts>RJCT</TxSts>
        <StsRsnInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>Compte soldé</AddtlInf></StsRsnInf>
      </TxInfAndSts>
    </OrgnlPmtInfAndSts>`;

describe('the bank status report (pain.002)', () => {
  it.each(['03', '10'] as const)(
    'reads pain.002.001.%s: settled transactions paid on their day, rejected ones with a French reason',
    (version) => {
      const parsed = parseStatusReport(report(version, '<GrpSts>PART</GrpSts>', twoTransactions));
      expect(parsed).toEqual({
        messageId: 'BANK-RPT-0001',
        createdAt: '2026-12-05T09:12:00',
        originalMessageId: 'CARNET-2026-11-AB12CD34',
        groupStatus: 'PART',
        groupReason: null,
        transactions: [
          {
            endToEndId: 'E2E-VENUE-A',
            transactionStatus: 'ACSC',
            outcome: 'PAID',
            reasonCode: null,
            reason: null,
            date: '2026-12-04',
          },
          {
            endToEndId: 'E2E-VENUE-B',
            transactionStatus: 'RJCT',
            outcome: 'REJECTED',
            reasonCode: 'AC04',
            reason: 'compte du bénéficiaire clos — Compte soldé',
            date: '2026-12-05',
          },
        ],
      });
    },
  );

  it('leaves accepted but unsettled transactions pending, and reads a single transaction (not a list)', () => {
    const parsed = parseStatusReport(
      report(
        '03',
        '',
        `<OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><TxSts>ACSP</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>`,
      ),
    );
    expect(parsed.groupStatus).toBeNull();
    expect(parsed.transactions).toEqual([
      expect.objectContaining({ endToEndId: 'E2E-1', outcome: 'PENDING', reason: null }),
    ]);
  });

  it('reports a file rejected as a whole with the group reason, and gives it to transactions without their own', () => {
    const whole = parseStatusReport(
      report('03', '<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf>', ''),
    );
    expect(whole.groupStatus).toBe('RJCT');
    expect(whole.groupReason).toBe('format de fichier invalide');
    expect(whole.transactions).toEqual([]);

    const inherited = parseStatusReport(
      report(
        '10',
        '<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>ZZ99</Cd></Rsn></StsRsnInf>',
        `<OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>E2E-1</OrgnlEndToEndId><TxSts>RJCT</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>`,
      ),
    );
    expect(inherited.transactions[0]).toMatchObject({ reasonCode: 'ZZ99', reason: 'motif ZZ99' });
  });

  it('reads a payment block rejected as a whole (PmtInfSts RJCT, no transaction listed) as the whole file rejected', () => {
    const parsed = parseStatusReport(
      report(
        '03',
        '<GrpSts>PART</GrpSts>',
        `<OrgnlPmtInfAndSts><OrgnlPmtInfId>PMT-1</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>
           <StsRsnInf><Rsn><Cd>AM04</Cd></Rsn></StsRsnInf></OrgnlPmtInfAndSts>`,
      ),
    );
    expect(parsed.groupStatus).toBe('RJCT');
    expect(parsed.groupReason).toBe('provision insuffisante');
    expect(parsed.transactions).toEqual([]);
  });

  it.each([
    ['not XML', 'this is not xml <', 'not well-formed'],
    [
      'another message',
      '<?xml version="1.0"?><Document><CstmrCdtTrfInitn/></Document>',
      'CstmrPmtStsRpt',
    ],
    [
      'a DTD with entities',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
      'DTD',
    ],
    [
      'no original message id',
      report('03', '', '').replace('<OrgnlMsgId>CARNET-2026-11-AB12CD34</OrgnlMsgId>', ''),
      'OrgnlMsgId',
    ],
    [
      'a transaction without status',
      report(
        '03',
        '',
        '<OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>E</OrgnlEndToEndId></TxInfAndSts></OrgnlPmtInfAndSts>',
      ),
      'TxSts',
    ],
  ])('refuses %s with a StatusReportError naming what is wrong', (_, xml, message) => {
    expect(() => parseStatusReport(xml)).toThrow(StatusReportError);
    expect(() => parseStatusReport(xml)).toThrow(message);
  });
});
