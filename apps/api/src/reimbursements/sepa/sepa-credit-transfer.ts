import {
  formatSepaAmount,
  isCalendarDate,
  isSepaId,
  parisDateTime,
  SEPA_FORMATS,
  type SepaFormat,
  sepaName,
  sepaRemittance,
} from '@carnet/domain';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeXml } from './xml-escape.js';

/**
 * SEPA credit-transfer files (ISO 20022 pain.001), streamed: one payment in, a few hundred bytes
 * out, so memory stays flat whatever the number of payments (see README.md for why no library).
 */

/** pain.001.001.09 is the EPC's current version; .03 is kept for banks that still want it. */
export { SEPA_FORMATS, type SepaFormat };

export interface SepaCreditTransferHeader {
  format: SepaFormat;
  /** GrpHdr/MsgId: unique per file for the debtor's bank (see sepaMessageId). */
  messageId: string;
  /** PmtInf/PmtInfId; the message id when absent. */
  paymentInformationId?: string;
  /** GrpHdr/CreDtTm, written on Paris's clock with its offset. */
  createdAt: Date;
  /** The day the debtor's bank is asked to execute the transfers, YYYY-MM-DD. */
  requestedExecutionDate: string;
  /** The programme owner's account. Its name is transliterated and cut to 70 characters. */
  debtor: { name: string; iban: string; bic?: string | null };
  /** GrpHdr/InitgPty/Nm; the debtor's name when absent. */
  initiatingPartyName?: string;
  /** One debit for the whole file on the debtor's statement (true, the default) or one each. */
  batchBooking?: boolean;
  /**
   * The number of payments and their total, computed beforehand (a first pass, e.g. a SQL
   * aggregate): the header comes first in the file. The writer checks both against the payments
   * it is given and fails, without closing the document, when they differ.
   */
  numberOfTransactions: number;
  controlSumCents: number;
}

export interface SepaCreditTransferPayment {
  /** At most 35 characters of the SEPA id set (see sepaEndToEndId). */
  endToEndId: string;
  /** The verified account holder; transliterated to the EPC set and cut to 70 characters. */
  creditorName: string;
  iban: string;
  /** Optional in SEPA (IBAN only); written as the creditor's agent when given. */
  bic?: string | null;
  /** Integer cents, from 1 to 99,999,999,999 (the EPC maximum, 999,999,999.99 EUR). */
  amountCents: number;
  /** Unstructured remittance; transliterated and cut to 140 characters; omitted when empty. */
  remittance: string;
}

export interface SepaFileSummary {
  numberOfTransactions: number;
  controlSumCents: number;
  /** Size and SHA-256 (hex) of the bytes produced, for the batch's manifest. */
  bytes: number;
  sha256: string;
}

export class SepaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SepaFileError';
  }
}

/** The EPC's maximum amount of one transfer, in cents. */
export const SEPA_MAX_AMOUNT_CENTS = 99_999_999_999;

/**
 * The file as UTF-8 text chunks of about 32 KiB, produced as `payments` are read (an array, or an
 * async iterable such as a database cursor). Ends by returning the summary. Throws SepaFileError
 * on an invalid header or payment, or when the payments do not match the announced count and
 * control sum: the chunks given until then are not a complete document and must be discarded.
 */
export async function* sepaCreditTransferXml(
  header: SepaCreditTransferHeader,
  payments: Iterable<SepaCreditTransferPayment> | AsyncIterable<SepaCreditTransferPayment>,
): AsyncGenerator<string, SepaFileSummary, undefined> {
  const layout = LAYOUTS[header.format];
  const head = checkedHeader(header);
  const hash = createHash('sha256');
  let bytes = 0;
  const emit = (text: string) => {
    hash.update(text, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    return text;
  };

  yield emit(openDocument(layout, head));
  let buffer = '';
  let count = 0;
  let sum = 0;
  for await (const payment of payments) {
    count++;
    const tx = checkedPayment(payment, count, header.format);
    sum += tx.amountCents;
    if (count > header.numberOfTransactions) {
      throw new SepaFileError(
        `More payments than the ${header.numberOfTransactions} announced in the header`,
      );
    }
    if (sum > header.controlSumCents) {
      throw new SepaFileError(
        `Payments exceed the control sum announced (${formatSepaAmount(header.controlSumCents)}) at payment #${count}`,
      );
    }
    buffer += transaction(layout, tx);
    if (buffer.length >= CHUNK_CHARACTERS) {
      yield emit(buffer);
      buffer = '';
    }
  }
  if (count !== header.numberOfTransactions || sum !== header.controlSumCents) {
    throw new SepaFileError(
      `The header announces ${header.numberOfTransactions} payments for ${formatSepaAmount(header.controlSumCents)}, ` +
        `the payments are ${count} for ${formatSepaAmount(sum)}`,
    );
  }
  yield emit(buffer + CLOSE_DOCUMENT);
  return { numberOfTransactions: count, controlSumCents: sum, bytes, sha256: hash.digest('hex') };
}

/**
 * Writes the file into `out` with backpressure (never more than `out` buffers), ends `out` and
 * resolves with the summary once every byte is written. On any failure `out` is destroyed and
 * the promise rejects: delete whatever `out` wrote, it is not a valid file.
 */
export async function writeSepaCreditTransfer(
  header: SepaCreditTransferHeader,
  payments: Iterable<SepaCreditTransferPayment> | AsyncIterable<SepaCreditTransferPayment>,
  out: Writable,
): Promise<SepaFileSummary> {
  let summary: SepaFileSummary | undefined;
  const chunks = sepaCreditTransferXml(header, payments);
  async function* relay() {
    for (;;) {
      const next = await chunks.next();
      if (next.done) {
        summary = next.value;
        return;
      }
      yield next.value;
    }
  }
  await pipeline(relay, out);
  return summary!;
}

/** Text accumulated before a chunk is handed on: a few dozen payments. */
const CHUNK_CHARACTERS = 32 * 1024;

interface Layout {
  namespace: string;
  /** The element carrying a BIC: BICFI since .09, BIC before. */
  bic: 'BICFI' | 'BIC';
  executionDate: (day: string) => string;
}

const LAYOUTS: Readonly<Record<SepaFormat, Layout>> = {
  'pain.001.001.09': {
    namespace: 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09',
    bic: 'BICFI',
    executionDate: (day) => `<ReqdExctnDt>\n        <Dt>${day}</Dt>\n      </ReqdExctnDt>`,
  },
  'pain.001.001.03': {
    namespace: 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03',
    bic: 'BIC',
    executionDate: (day) => `<ReqdExctnDt>${day}</ReqdExctnDt>`,
  },
};

interface CheckedHeader {
  messageId: string;
  paymentInformationId: string;
  createdAt: string;
  requestedExecutionDate: string;
  debtorName: string;
  debtorIban: string;
  debtorBic: string | null;
  initiatingPartyName: string;
  batchBooking: boolean;
  numberOfTransactions: number;
  controlSumCents: number;
}

interface CheckedPayment {
  endToEndId: string;
  creditorName: string;
  iban: string;
  bic: string | null;
  amountCents: number;
  remittance: string;
}

function checkedHeader(header: SepaCreditTransferHeader): CheckedHeader {
  if (!(SEPA_FORMATS as readonly string[]).includes(header.format)) {
    throw new SepaFileError(`Unknown SEPA format: ${String(header.format)}`);
  }
  const paymentInformationId = header.paymentInformationId ?? header.messageId;
  for (const [what, id] of [
    ['message id', header.messageId],
    ['payment information id', paymentInformationId],
  ] as const) {
    if (!isSepaId(id)) throw new SepaFileError(`Invalid ${what}: "${id}"`);
  }
  if (!(header.createdAt instanceof Date) || Number.isNaN(header.createdAt.getTime())) {
    throw new SepaFileError('Invalid creation time');
  }
  if (!isCalendarDate(header.requestedExecutionDate)) {
    throw new SepaFileError(`Invalid execution date: "${header.requestedExecutionDate}"`);
  }
  const { numberOfTransactions, controlSumCents } = header;
  if (!Number.isSafeInteger(numberOfTransactions) || numberOfTransactions < 1) {
    throw new SepaFileError(
      `A transfer file holds at least one payment, not ${numberOfTransactions}`,
    );
  }
  if (!Number.isSafeInteger(controlSumCents) || controlSumCents < numberOfTransactions) {
    throw new SepaFileError(
      `Invalid control sum: ${controlSumCents} cents for ${numberOfTransactions} payments`,
    );
  }
  const debtorName = nonEmpty(sepaName(header.debtor.name), "The debtor's name");
  return {
    messageId: header.messageId,
    paymentInformationId,
    createdAt: parisDateTime(header.createdAt),
    requestedExecutionDate: header.requestedExecutionDate,
    debtorName,
    debtorIban: checkedIban(header.debtor.iban, "The debtor's IBAN"),
    debtorBic: checkedBic(header.debtor.bic, "The debtor's BIC", header.format),
    initiatingPartyName:
      header.initiatingPartyName === undefined
        ? debtorName
        : nonEmpty(sepaName(header.initiatingPartyName), "The initiating party's name"),
    batchBooking: header.batchBooking ?? true,
    numberOfTransactions,
    controlSumCents,
  };
}

function checkedPayment(
  payment: SepaCreditTransferPayment,
  position: number,
  format: SepaFormat,
): CheckedPayment {
  const where = `Payment #${position}`;
  if (!isSepaId(payment.endToEndId)) {
    throw new SepaFileError(`${where}: invalid end-to-end id "${payment.endToEndId}"`);
  }
  const amount = payment.amountCents;
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > SEPA_MAX_AMOUNT_CENTS) {
    throw new SepaFileError(
      `${where}: the amount must be 1 to ${SEPA_MAX_AMOUNT_CENTS} cents, got ${amount}`,
    );
  }
  return {
    endToEndId: payment.endToEndId,
    creditorName: nonEmpty(sepaName(payment.creditorName), `${where}: the creditor's name`),
    iban: checkedIban(payment.iban, `${where}: the IBAN`),
    bic: checkedBic(payment.bic, `${where}: the BIC`, format),
    amountCents: amount,
    remittance: sepaRemittance(payment.remittance),
  };
}

function nonEmpty(value: string, what: string): string {
  if (value === '') throw new SepaFileError(`${what} is empty once written in the EPC set`);
  return value;
}

function checkedIban(value: string, what: string): string {
  const iban = electronicFormatIBAN(value) ?? '';
  if (!isValidIBAN(iban))
    throw new SepaFileError(`${what} is not valid (country, length or check digits)`);
  return iban;
}

/** pain.001.001.03's BIC pattern is stricter than ibantools' (ISO 9362:2009, no 'O' at 8). */
const BIC_2009 = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

function checkedBic(
  value: string | null | undefined,
  what: string,
  format: SepaFormat,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const bic = value.replace(/\s/g, '').toUpperCase();
  if (!isValidBIC(bic) || (format === 'pain.001.001.03' && !BIC_2009.test(bic))) {
    throw new SepaFileError(`${what} is not valid`);
  }
  return bic;
}

function openDocument(layout: Layout, head: CheckedHeader): string {
  const t = escapeXml;
  const debtorAgent =
    head.debtorBic === null
      ? '<Othr>\n            <Id>NOTPROVIDED</Id>\n          </Othr>'
      : `<${layout.bic}>${t(head.debtorBic)}</${layout.bic}>`;
  const count = String(head.numberOfTransactions);
  const sum = formatSepaAmount(head.controlSumCents);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${layout.namespace}">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${t(head.messageId)}</MsgId>
      <CreDtTm>${head.createdAt}</CreDtTm>
      <NbOfTxs>${count}</NbOfTxs>
      <CtrlSum>${sum}</CtrlSum>
      <InitgPty>
        <Nm>${t(head.initiatingPartyName)}</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${t(head.paymentInformationId)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>${head.batchBooking}</BtchBookg>
      <NbOfTxs>${count}</NbOfTxs>
      <CtrlSum>${sum}</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
      </PmtTpInf>
      ${layout.executionDate(head.requestedExecutionDate)}
      <Dbtr>
        <Nm>${t(head.debtorName)}</Nm>
      </Dbtr>
      <DbtrAcct>
        <Id>
          <IBAN>${t(head.debtorIban)}</IBAN>
        </Id>
      </DbtrAcct>
      <DbtrAgt>
        <FinInstnId>
          ${debtorAgent}
        </FinInstnId>
      </DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
`;
}

function transaction(layout: Layout, tx: CheckedPayment): string {
  const t = escapeXml;
  const agent =
    tx.bic === null
      ? ''
      : `
        <CdtrAgt>
          <FinInstnId>
            <${layout.bic}>${t(tx.bic)}</${layout.bic}>
          </FinInstnId>
        </CdtrAgt>`;
  const remittance =
    tx.remittance === ''
      ? ''
      : `
        <RmtInf>
          <Ustrd>${t(tx.remittance)}</Ustrd>
        </RmtInf>`;
  return `      <CdtTrfTxInf>
        <PmtId>
          <EndToEndId>${t(tx.endToEndId)}</EndToEndId>
        </PmtId>
        <Amt>
          <InstdAmt Ccy="EUR">${formatSepaAmount(tx.amountCents)}</InstdAmt>
        </Amt>${agent}
        <Cdtr>
          <Nm>${t(tx.creditorName)}</Nm>
        </Cdtr>
        <CdtrAcct>
          <Id>
            <IBAN>${t(tx.iban)}</IBAN>
          </Id>
        </CdtrAcct>${remittance}
      </CdtTrfTxInf>
`;
}

const CLOSE_DOCUMENT = `    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
