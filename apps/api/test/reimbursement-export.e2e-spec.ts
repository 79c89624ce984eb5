import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import {
  addCalendarDays,
  periodCutoff,
  periodOf,
  previousPeriod,
  sepaMessageId,
  shiftPeriod,
  todayInParis,
} from '@carnet/domain';
import { BatchExportRepository } from '#src/reimbursements/batch-export.repository.js';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { BatchGenerationService } from '#src/reimbursements/batch-generation.service.js';
import { BatchesRepository } from '#src/reimbursements/batches.repository.js';
import { demoRib } from '#src/seed/demo-rib.js';
import { BankAccountsService } from '#src/venues/bank-accounts.service.js';
import { principalOf } from './factories.js';
import { bootApp, login, runChild, type Session, type TestApp } from './utils.js';

const PROBLEM = /application\/problem\+json/;
const XSD_DIR = join(process.cwd(), '..', 'shared', 'xsd');
const run = promisify(execFile);

/** xmllint's verdict: resolves when `xml` validates against `schema` (../shared/xsd). */
async function validate(xml: Buffer, schema: string): Promise<void> {
  const xsd = join(XSD_DIR, schema);
  if (!existsSync(xsd)) throw new Error(`Schema missing: ${xsd}`);
  const dir = mkdtempSync(join(tmpdir(), 'carnet-sepa-'));
  try {
    const file = join(dir, 'sepa.xml');
    writeFileSync(file, xml);
    const { stderr } = await run('xmllint', ['--noout', '--schema', xsd, file]).catch(
      (error: { stderr?: string }) => {
        throw new Error(`${schema} refuses sepa.xml:\n${error.stderr?.slice(0, 4000)}`);
      },
    );
    expect(stderr).toContain('validates');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** "1 234,50" / "1234,50" → cents. */
const cents = (text: string) => Math.round(Number(text.replace(/\s/g, '').replace(',', '.')) * 100);

/** A CSV of ours (BOM, ';') as rows of cells. */
const csvRows = (bytes: Buffer): string[][] => {
  const rows: unknown = parse(bytes.toString('utf8').replace(/^\ufeff/, ''), { delimiter: ';' });
  return rows as string[][];
};

/** A pain.002 status report answering `originalMessageId`. */
function statusReport(
  originalMessageId: string,
  transactions: { endToEndId: string; status: string; reason?: string }[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>BANK-${randomUUID().slice(0, 8)}</MsgId><CreDtTm>${todayInParis()}T09:12:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>${originalMessageId}</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId>
    </OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>${originalMessageId}</OrgnlPmtInfId>
      ${transactions
        .map(
          (tx) => `<TxInfAndSts>
        <OrgnlEndToEndId>${tx.endToEndId}</OrgnlEndToEndId>
        <TxSts>${tx.status}</TxSts>
        ${tx.reason ? `<StsRsnInf><Rsn><Cd>${tx.reason}</Cd></Rsn></StsRsnInf>` : ''}
      </TxInfAndSts>`,
        )
        .join('\n')}
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>`;
}

interface LineRow {
  id: string;
  venueId: string;
  status: string;
  amountCents: number;
  chequeCount: number;
  endToEndId: string | null;
}

/**
 * The export of reimbursement batches and the bank's outcomes against real PostgreSQL and Redis,
 * on the demo's redemptions (issue 13): the worker writes every file, sepa.xml validates against
 * the EPC and ISO schemas (and .03 for a programme that asks for it), everything reconciles to
 * the cent and with the manifest, downloads are audited and scoped (a venue gets its own
 * statement only), a worker killed mid-export then run again writes the same files, and the
 * bank's outcomes (by hand and from its pain.002) pay or give back the cheques, rejected
 * transfers waiting for verified bank details in the next batch. The tests run in order.
 */
describe('reimbursement batch export and payments (e2e)', () => {
  let t: TestApp;
  let finance: Session;
  let finance2: Session;
  let manager: Session;
  let venue: Session;
  let programmeId: string;
  /** venue@'s venue (EPN de Liévin). */
  let venueId: string;
  let first: string;
  let second: string;
  /** A venue whose transfer of the first batch the bank rejects. */
  let rejectedVenueId: string;
  const now = new Date();
  const older = shiftPeriod(previousPeriod(now), -1);
  const last = previousPeriod(now);
  const today = todayInParis(now);

  const binary = (res: Response, done: (e: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const download = (session: Session, id: string, name: string) =>
    t.http
      .get(`/api/v1/reimbursement-batches/${id}/files/${name}`)
      .set(session.auth)
      .buffer(true)
      .parse(binary);
  const batchOf = async (id: string) =>
    (await t.http.get(`/api/v1/reimbursement-batches/${id}`).set(finance.auth).expect(200))
      .body as Record<string, unknown> & {
      files: { name: string; sha256: string; venueId: string | null }[];
    };
  const until = async (id: string, done: (b: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const batch = await batchOf(id);
      if (done(batch)) return batch;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`Batch ${id} never got there`);
  };
  const lines = (batchId: string) =>
    t.dataSource.query<LineRow[]>(
      `SELECT id, venue_id AS "venueId", status, amount_cents::int AS "amountCents",
              cheque_count AS "chequeCount", end_to_end_id AS "endToEndId"
       FROM reimbursement_line WHERE batch_id = $1 ORDER BY venue_name, venue_id`,
      [batchId],
    );
  const chequeStatuses = (lineId: string) =>
    t.dataSource.query<{ status: string; n: number }[]>(
      `SELECT c.status, count(*)::int AS n FROM reimbursement_line_redemption lr
       JOIN redemption_cheque rc ON rc.redemption_id = lr.redemption_id AND rc.active
       JOIN cheque c ON c.number = rc.cheque_number
       WHERE lr.line_id = $1 GROUP BY c.status`,
      [lineId],
    );
  const pay = (session: Session, id: string, outcomes: unknown[], key?: string) => {
    const req = t.http.post(`/api/v1/reimbursement-batches/${id}/payments`).set(session.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send({ outcomes });
  };
  const upload = (id: string, xml: string) =>
    t.http
      .post(`/api/v1/reimbursement-batches/${id}/payments/status-report`)
      .set(finance.auth)
      .attach('file', Buffer.from(xml, 'utf8'), {
        filename: 'pain002.xml',
        contentType: 'application/xml',
      });

  beforeAll(async () => {
    t = await bootApp({
      worker: true,
      demoBatches: false,
      config: { SEPA_DEBTOR_NAME: 'Trésor public — Ville de Liévin' },
    });
    [finance, finance2, manager, venue] = await Promise.all(
      ['finance', 'finance2', 'manager', 'venue'].map((n) => login(t.http, `${n}@demo.carnet.fr`)),
    );
    programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0].id;
    const [own] = await t.dataSource.query<{ id: string }[]>(
      `SELECT v.id FROM venue v JOIN user_account u ON u.organisation_id = v.organisation_id
       WHERE u.email = 'venue@demo.carnet.fr'`,
    );
    venueId = own.id;
    const created = await t.http
      .post('/api/v1/reimbursement-batches')
      .set(finance.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ programmeId, period: older })
      .expect(202);
    first = created.body.id as string;
    await until(first, (b) => b.status === 'DRAFT');
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  it('refuses to export or serve files before approval, and bad requests, with problem+json', async () => {
    const early = await t.http
      .post(`/api/v1/reimbursement-batches/${first}/export`)
      .set(finance2.auth)
      .send({ requestedExecutionDate: today })
      .expect(409);
    expect(early.headers['content-type']).toMatch(PROBLEM);
    expect(early.body.code).toBe('BATCH_NOT_APPROVED');
    const notReady = await download(finance, first, 'sepa.xml').expect(409);
    expect(JSON.parse(notReady.body.toString()).code).toBe('FILE_NOT_READY');
    for (const name of ['nope.exe', 'SEPA.xml', '..%2Fsepa.xml', '.hidden']) {
      const missing = await download(finance, first, name);
      expect([404]).toContain(missing.status);
      expect(missing.headers['content-type']).toMatch(PROBLEM);
    }
    await t.http
      .post(`/api/v1/reimbursement-batches/${first}/approve`)
      .set(finance2.auth)
      .expect(200);

    const post = (session: Session, body: unknown) =>
      t.http
        .post(`/api/v1/reimbursement-batches/${first}/export`)
        .set(session.auth)
        .send(body as object);
    const shift = (days: number) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    for (const date of [shift(-1), shift(91)]) {
      const refused = await post(finance, { requestedExecutionDate: date }).expect(422);
      expect(refused.body.code).toBe('EXECUTION_DATE_OUT_OF_RANGE');
    }
    for (const body of [
      {},
      { requestedExecutionDate: '2026-02-30' },
      { requestedExecutionDate: today, x: 1 },
    ]) {
      expect((await post(finance, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await post(manager, { requestedExecutionDate: today }).expect(403);
    await post(venue, { requestedExecutionDate: today }).expect(403);
    const unknown = await t.http
      .post(`/api/v1/reimbursement-batches/${randomUUID()}/export`)
      .set(finance.auth)
      .send({ requestedExecutionDate: today })
      .expect(404);
    expect(unknown.body.code).toBe('BATCH_NOT_FOUND');
    // Nothing was asked by any of these.
    expect((await batchOf(first)).exportRequestedAt).toBeNull();
  });

  it('exports in the worker: every file sealed, sepa.xml valid, all reconciled to the cent', async () => {
    const asked = await t.http
      .post(`/api/v1/reimbursement-batches/${first}/export`)
      .set(finance.auth)
      .send({ requestedExecutionDate: addCalendarDays(today, 3) })
      .expect(202);
    expect(asked.body).toMatchObject({
      status: 'APPROVED',
      requestedExecutionDate: addCalendarDays(today, 3),
      sepaFormat: 'pain.001.001.09',
    });
    expect(asked.body.exportRequestedAt).not.toBeNull();
    // Asked again, same day: the same batch; another day: refused.
    const again = await t.http
      .post(`/api/v1/reimbursement-batches/${first}/export`)
      .set(finance2.auth)
      .send({ requestedExecutionDate: addCalendarDays(today, 3) })
      .expect(202);
    expect(again.body.exportRequestedAt).toBe(asked.body.exportRequestedAt);
    const other = await t.http
      .post(`/api/v1/reimbursement-batches/${first}/export`)
      .set(finance.auth)
      .send({ requestedExecutionDate: today })
      .expect(409);
    expect(other.body.code).toBe('EXPORT_ALREADY_REQUESTED');

    const batch = await until(first, (b) => b.status === 'EXPORTED');
    expect(batch.progress).toBeNull();
    expect(batch.exportedAt).not.toBeNull();
    const all = await lines(first);
    const payable = all.filter((l) => l.status === 'PAYABLE');
    expect(payable.length).toBeGreaterThan(2);
    const names = batch.files.map((f) => f.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'cheques.csv',
        'etat-liquidatif.csv',
        'etat-liquidatif.xlsx',
        'manifest.json',
        'sepa.xml',
        'synthese.pdf',
      ]),
    );
    const statements = batch.files.filter((f) => f.name.startsWith('releve-'));
    expect(statements.map((f) => f.venueId).sort()).toEqual(payable.map((l) => l.venueId).sort());

    // Downloads: the bytes, their SHA-256 in a header, as the manifest lists them.
    const files = new Map<string, Buffer>();
    for (const file of batch.files) {
      const res = await download(finance, first, file.name).expect(200);
      const body = res.body as Buffer;
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${file.name}"`);
      expect(res.headers['content-length']).toBe(String(body.length));
      expect(res.headers['x-content-sha256']).toBe(sha256(body));
      expect(file.sha256).toBe(sha256(body));
      files.set(file.name, body);
    }
    expect(files.get('sepa.xml')!.subarray(0, 5).toString()).toBe('<?xml');
    expect(files.get('synthese.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files.get('etat-liquidatif.xlsx')!.subarray(0, 2).toString()).toBe('PK');
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as {
      files: { name: string; bytes: number; sha256: string }[];
      controlTotals: {
        payableCents: number;
        sepaControlSum: string;
        sepaNumberOfTransactions: number;
      };
    };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(
      names.filter((n) => n !== 'manifest.json'),
    );
    for (const file of manifest.files) {
      expect({
        name: file.name,
        sha256: sha256(files.get(file.name)!),
        bytes: files.get(file.name)!.length,
      }).toEqual({ name: file.name, sha256: file.sha256, bytes: file.bytes });
    }

    // sepa.xml: valid against the EPC 2023 and ISO schemas; accents transliterated.
    const xml = files.get('sepa.xml')!;
    await validate(xml, 'pain.001.001.09.epc-sct-2023.xsd');
    await validate(xml, 'pain.001.001.09.xsd');
    const text = xml.toString('utf8');
    expect(text).toContain('Tresor public - Ville de Lievin');
    expect(text).toContain('Lievin');
    // Plain ASCII throughout (the EPC set is a subset of it).
    expect([...text].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(text).toContain(`<MsgId>${sepaMessageId(first, older)}</MsgId>`);
    expect(text).toMatch(new RegExp(`<ReqdExctnDt>\\s*<Dt>${addCalendarDays(today, 3)}</Dt>`));
    // The remittance names the programme once, the period and the cheques.
    expect(text).toMatch(
      /<Ustrd>Pass numerique Lens-Lievin 2026-2027 \d{4}-\d{2} \d+ cheques<\/Ustrd>/,
    );
    for (const line of payable)
      expect(text).toContain(`<EndToEndId>${line.endToEndId}</EndToEndId>`);

    // To the cent: lines = cheques.csv = manifest = SEPA CtrlSum = funders = état liquidatif.
    const linesCents = payable.reduce((s, l) => s + l.amountCents, 0);
    const cheques = csvRows(files.get('cheques.csv')!).slice(1);
    expect(cheques).toHaveLength(payable.reduce((s, l) => s + l.chequeCount, 0));
    const chequesCents = cheques.reduce((s, row) => s + cents(row[4]), 0);
    const ctrlSum = /<GrpHdr>[\s\S]*?<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(text)![1];
    const etat = csvRows(files.get('etat-liquidatif.csv')!);
    const etatTotal = etat.at(-1)!;
    expect(etatTotal[0]).toBe('Total');
    const funders = (batch.funders as { cents: number }[]).reduce((s, f) => s + f.cents, 0);
    expect({
      cheques: chequesCents,
      manifest: manifest.controlTotals.payableCents,
      sepa: cents(ctrlSum.replace('.', ',')),
      funders,
      etat: cents(etatTotal[8]),
      batch: batch.payableCents,
    }).toEqual({
      cheques: linesCents,
      manifest: linesCents,
      sepa: linesCents,
      funders: linesCents,
      etat: linesCents,
      batch: linesCents,
    });
    expect(etat).toHaveLength(payable.length + 2);
    expect(manifest.controlTotals.sepaNumberOfTransactions).toBe(payable.length);

    const audit = await t.dataSource.query<{ action: string; after: { name?: string } }[]>(
      `SELECT action, after FROM audit_event WHERE entity_type = 'reimbursement-batch' AND entity_id = $1 ORDER BY id`,
      [first],
    );
    expect(audit.map((e) => e.action).slice(0, 5)).toEqual([
      'reimbursement-batch.created',
      'reimbursement-batch.generated',
      'reimbursement-batch.approved',
      'reimbursement-batch.export-requested',
      'reimbursement-batch.exported',
    ]);
    const downloads = audit.filter((e) => e.action === 'reimbursement-batch.file-downloaded');
    expect(downloads.map((e) => e.after.name).sort()).toEqual(names);
  });

  it('serves a venue its own statement only; other roles and names get 403 or 404', async () => {
    const batch = await batchOf(first);
    const own = batch.files.find((f) => f.venueId === venueId)!;
    const foreign = batch.files.find((f) => f.venueId !== null && f.venueId !== venueId)!;
    const mine = await download(venue, first, own.name).expect(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(sha256(mine.body as Buffer)).toBe(own.sha256);
    for (const name of [foreign.name, 'sepa.xml', 'manifest.json', 'cheques.csv', 'nope.pdf']) {
      const refused = await download(venue, first, name).expect(404);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.parse((refused.body as Buffer).toString()).code).toBe('FILE_NOT_FOUND');
    }
    const seen = await t.http
      .get(`/api/v1/reimbursement-batches/${first}`)
      .set(venue.auth)
      .expect(200);
    expect(seen.body.files.map((f: { name: string }) => f.name)).toEqual([own.name]);
    await download(manager, first, 'synthese.pdf').expect(403);
    const audited = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event e JOIN user_account u ON u.id = e.actor_id
       WHERE e.action = 'reimbursement-batch.file-downloaded' AND e.entity_id = $1
         AND u.email = 'venue@demo.carnet.fr' AND e.after->>'name' = $2`,
      [first, own.name],
    );
    expect(audited[0].n).toBe(1);
  });

  it('records the bank’s outcomes by hand, all or nothing; rejected cheques wait again', async () => {
    const all = await lines(first);
    const payable = all.filter((l) => l.status === 'PAYABLE');
    const onHold = all.find((l) => l.status === 'ON_HOLD');
    const own = payable.find((l) => l.venueId === venueId)!;
    const rejected = payable.find((l) => l.venueId !== venueId)!;
    rejectedVenueId = rejected.venueId;
    const refusals: [Session, unknown[], number, string][] = [
      [
        finance,
        [{ lineId: randomUUID(), status: 'PAID', paidOn: today }],
        422,
        'LINE_NOT_IN_BATCH',
      ],
      [
        finance,
        [{ lineId: own.id, status: 'PAID', paidOn: addCalendarDays(today, 1) }],
        422,
        'PAID_ON_OUT_OF_RANGE',
      ],
      [
        finance,
        [{ lineId: own.id, status: 'PAID', paidOn: addCalendarDays(today, -40) }],
        422,
        'PAID_ON_OUT_OF_RANGE',
      ],
      [finance, [{ lineId: own.id, status: 'PAID' }], 400, 'VALIDATION_FAILED'],
      [finance, [{ lineId: own.id, status: 'REJECTED' }], 400, 'VALIDATION_FAILED'],
      [finance, [{ lineId: own.id, status: 'LOST' }], 400, 'VALIDATION_FAILED'],
      [finance, [], 400, 'VALIDATION_FAILED'],
      [
        finance,
        [
          { lineId: own.id, status: 'PAID', paidOn: today },
          { lineId: own.id, status: 'PAID', paidOn: today },
        ],
        400,
        'VALIDATION_FAILED',
      ],
      [manager, [{ lineId: own.id, status: 'PAID', paidOn: today }], 403, 'FORBIDDEN'],
      [venue, [{ lineId: own.id, status: 'PAID', paidOn: today }], 403, 'FORBIDDEN'],
    ];
    if (onHold) {
      refusals.push([
        finance,
        [
          { lineId: own.id, status: 'PAID', paidOn: today },
          { lineId: onHold.id, status: 'PAID', paidOn: today },
        ],
        409,
        'LINE_NOT_PAYABLE',
      ]);
    }
    for (const [session, outcomes, status, code] of refusals) {
      const res = await pay(session, first, outcomes);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    // Nothing recorded by any of them.
    expect(
      (await lines(first)).filter((l) => l.status !== 'PAYABLE' && l.status !== 'ON_HOLD'),
    ).toEqual([]);

    const key = randomUUID();
    const body = [
      { lineId: own.id, status: 'PAID', paidOn: today },
      { lineId: rejected.id, status: 'REJECTED', reason: 'compte du bénéficiaire clos' },
    ];
    const done = await pay(finance, first, body, key).expect(200);
    expect(done.body.status).toBe('EXPORTED');
    expect(done.body.paidCents).toBe(own.amountCents);
    expect(done.body.rejectedCents).toBe(rejected.amountCents);
    const replay = await pay(finance, first, body, key).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await pay(finance, first, [
      { lineId: own.id, status: 'PAID', paidOn: today },
    ]).expect(409);
    expect(twice.body.code).toBe('LINE_NOT_PAYABLE');

    expect(await chequeStatuses(own.id)).toEqual([{ status: 'REIMBURSED', n: own.chequeCount }]);
    expect(await chequeStatuses(rejected.id)).toEqual([
      { status: 'REDEEMED', n: rejected.chequeCount },
    ]);
    const [freed] = await t.dataSource.query<{ active: number; inBatch: number }[]>(
      `SELECT count(*) FILTER (WHERE lr.active)::int AS active,
              count(*) FILTER (WHERE r.reimbursement_batch_id IS NOT NULL)::int AS "inBatch"
       FROM reimbursement_line_redemption lr JOIN redemption r ON r.id = lr.redemption_id
       WHERE lr.line_id = $1`,
      [rejected.id],
    );
    expect(freed).toEqual({ active: 0, inBatch: 0 });

    // The rest paid: the batch closes, PARTIALLY_PAID (one rejected).
    const rest = payable.filter((l) => l.id !== own.id && l.id !== rejected.id);
    const closed = await pay(
      finance2,
      first,
      rest.map((l) => ({ lineId: l.id, status: 'PAID', paidOn: today })),
    ).expect(200);
    expect(closed.body).toMatchObject({ status: 'PARTIALLY_PAID' });
    expect(closed.body.closedAt).not.toBeNull();
    const after = await pay(finance, first, [
      { lineId: own.id, status: 'PAID', paidOn: today },
    ]).expect(409);
    expect(after.body.code).toBe('BATCH_NOT_EXPORTED');
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action IN
         ('reimbursement-batch.payments-recorded', 'reimbursement-batch.closed') ORDER BY id`,
      [first],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'reimbursement-batch.payments-recorded',
      'reimbursement-batch.payments-recorded',
      'reimbursement-batch.closed',
    ]);
    // Files of a closed batch never change, and are still served.
    await download(finance, first, 'sepa.xml').expect(200);
  });

  it('holds the rejected venue in the next batch, and survives a worker killed mid-export', async () => {
    const cutoff = periodCutoff(last);
    const id = await t.dataSource.transaction((m) =>
      t.app.get(BatchesRepository).insert(m, {
        programmeId,
        period: last,
        cutoff,
        createdBy: null,
        createdByLabel: null,
      }),
    );
    second = id!;
    await t.app.get(BatchGenerationService).generate(second);
    const held = (await lines(second)).find((l) => l.venueId === rejectedVenueId)!;
    const [reasons] = await t.dataSource.query<{ holdReasons: string[] }[]>(
      `SELECT hold_reasons AS "holdReasons" FROM reimbursement_line WHERE id = $1`,
      [held.id],
    );
    expect({ status: held.status, reasons: reasons.holdReasons }).toEqual({
      status: 'ON_HOLD',
      reasons: ['BANK_REJECTED_TRANSFER'],
    });
    await t.http
      .post(`/api/v1/reimbursement-batches/${second}/approve`)
      .set(finance.auth)
      .expect(200);
    // This programme's banks want pain.001.001.03 now: the export takes the programme's format.
    await t.dataSource.query(`UPDATE programme SET sepa_format = 'pain.001.001.03' WHERE id = $1`, [
      programmeId,
    ]);
    // The export asked without its job (the test runs it, in a process that dies half-way).
    await t.dataSource.transaction((m) =>
      t.app.get(BatchExportRepository).requestExport(m, second, {
        sepaFormat: 'pain.001.001.03',
        requestedExecutionDate: today,
        messageId: sepaMessageId(second, last),
        by: null,
        byLabel: 'test',
      }),
    );
    const { exit, output } = await runChild(
      'crash-export.mjs',
      [second, 'cheques.csv'],
      t.database.url,
      { SEPA_DEBTOR_NAME: 'Trésor public — Ville de Liévin' },
    );
    expect({ exit, output }).toEqual({
      exit: { code: null, signal: 'SIGKILL' },
      output: expect.stringContaining('written cheques.csv\n'),
    });
    const left = await t.dataSource.query<{ name: string; sha256: string | null }[]>(
      `SELECT name, sha256 FROM reimbursement_file WHERE batch_id = $1 ORDER BY name`,
      [second],
    );
    expect(left.map((f) => f.name)).toEqual([
      'cheques.csv',
      'etat-liquidatif.csv',
      'etat-liquidatif.xlsx',
      'sepa.xml',
    ]);
    expect((await batchOf(second)).status).toBe('APPROVED');
    // Files of a batch not exported are neither listed nor served.
    expect((await batchOf(second)).files).toEqual([]);
    expect((await download(finance, second, 'sepa.xml')).status).toBe(409);

    // The job runs again: everything written, the same bytes for what the dead run had sealed.
    const progress: [number, number][] = [];
    const outcome = await t.app
      .get(BatchExportService)
      .export(second, (done, total) => void progress.push([done, total]));
    expect(outcome).toMatchObject({ status: 'EXPORTED', exported: true });
    expect(progress[0][0]).toBe(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    const batch = await batchOf(second);
    expect(batch.status).toBe('EXPORTED');
    const sealed = new Map(batch.files.map((f) => [f.name, f.sha256]));
    for (const file of left) expect(sealed.get(file.name)).toBe(file.sha256);
    expect(await t.app.get(BatchExportService).export(second)).toMatchObject({ exported: false });
    const xml = (await download(finance, second, 'sepa.xml').expect(200)).body as Buffer;
    expect(xml.toString()).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    await validate(xml, 'pain.001.001.03.xsd');
    const manifest = JSON.parse(
      ((await download(finance, second, 'manifest.json').expect(200)).body as Buffer).toString(),
    ) as { files: { name: string; sha256: string }[] };
    for (const file of manifest.files) expect(sealed.get(file.name)).toBe(file.sha256);
  }, 180_000);

  it('applies the bank’s pain.002: pending untouched, settled paid, rejected given back, then closed', async () => {
    const payable = (await lines(second)).filter((l) => l.status === 'PAYABLE');
    expect(payable.length).toBeGreaterThan(1);
    const [a, b, ...rest] = payable;
    const messageId = sepaMessageId(second, last);

    const garbage = await upload(second, 'not xml at all').expect(422);
    expect(garbage.body.code).toBe('STATUS_REPORT_INVALID');
    const foreign = await upload(second, statusReport(sepaMessageId(first, older), [])).expect(422);
    expect(foreign.body.code).toBe('STATUS_REPORT_NOT_FOR_THIS_BATCH');
    const noFile = await t.http
      .post(`/api/v1/reimbursement-batches/${second}/payments/status-report`)
      .set(finance.auth)
      .field('note', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.headers['content-type']).toMatch(PROBLEM);
    const json = await t.http
      .post(`/api/v1/reimbursement-batches/${second}/payments/status-report`)
      .set(finance.auth)
      .send({ file: 'x' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await t.http
      .post(`/api/v1/reimbursement-batches/${second}/payments/status-report`)
      .set(finance.auth)
      .attach('file', Buffer.alloc(5 * 1024 * 1024 + 1, 32), 'big.xml')
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    await t.http
      .post(`/api/v1/reimbursement-batches/${second}/payments/status-report`)
      .set(manager.auth)
      .attach('file', Buffer.from('x'), 'x.xml')
      .expect(403);

    const firstReport = await upload(
      second,
      statusReport(messageId, [
        { endToEndId: a.endToEndId!, status: 'PDNG' },
        { endToEndId: b.endToEndId!, status: 'ACSC' },
      ]),
    ).expect(200);
    expect(firstReport.body).toMatchObject({
      paid: [{ lineId: b.id, endToEndId: b.endToEndId, paidOn: today }],
      rejected: [],
      pending: [{ lineId: a.id, status: 'PDNG' }],
      skipped: [],
      unknown: [],
    });
    expect(firstReport.body.batch.status).toBe('EXPORTED');

    const secondReport = await upload(
      second,
      statusReport(messageId, [
        { endToEndId: a.endToEndId!, status: 'RJCT', reason: 'AC04' },
        { endToEndId: b.endToEndId!, status: 'ACSC' },
        ...rest.map((l) => ({ endToEndId: l.endToEndId!, status: 'ACSC' })),
        { endToEndId: 'NOT-A-LINE-OF-OURS', status: 'ACSC' },
      ]),
    ).expect(200);
    expect(secondReport.body).toMatchObject({
      rejected: [{ lineId: a.id, reason: 'compte du bénéficiaire clos' }],
      skipped: [{ lineId: b.id, status: 'PAID' }],
      unknown: [{ endToEndId: 'NOT-A-LINE-OF-OURS', status: 'ACSC' }],
    });
    expect(secondReport.body.paid).toHaveLength(rest.length);
    expect(secondReport.body.batch.status).toBe('PARTIALLY_PAID');
    expect(await chequeStatuses(a.id)).toEqual([{ status: 'REDEEMED', n: a.chequeCount }]);
    expect(await chequeStatuses(b.id)).toEqual([{ status: 'REIMBURSED', n: b.chequeCount }]);
    // Once closed, a report is refused.
    const late = await upload(second, statusReport(messageId, [])).expect(409);
    expect(late.body.code).toBe('BATCH_NOT_EXPORTED');
  });

  it('pays the rejected venue once its new bank details are verified, and never twice', async () => {
    const rejectedRedemptions = await t.dataSource.query<{ id: string }[]>(
      `SELECT lr.redemption_id AS id FROM reimbursement_line l
       JOIN reimbursement_line_redemption lr ON lr.line_id = l.id
       WHERE l.batch_id = $1 AND l.venue_id = $2`,
      [first, rejectedVenueId],
    );
    const accounts = t.app.get(BankAccountsService);
    const newDetails = {
      holderName: 'NOUVEAU TITULAIRE',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
    };
    const finance = await principalOf(t, 'finance@demo.carnet.fr');
    await accounts.set(finance, rejectedVenueId, newDetails);
    await accounts.attachDocument(
      finance,
      rejectedVenueId,
      await demoRib(newDetails),
      'application/pdf',
    );
    await accounts.decide(await principalOf(t, 'finance2@demo.carnet.fr'), rejectedVenueId, {
      status: 'VERIFIED',
    });
    // A batch of this month (made here, before the month is over, to take what waits now).
    const period = periodOf(now);
    const id = await t.dataSource.transaction((m) =>
      t.app.get(BatchesRepository).insert(m, {
        programmeId,
        period,
        cutoff: periodCutoff(period),
        createdBy: null,
        createdByLabel: null,
      }),
    );
    await t.app.get(BatchGenerationService).generate(id!);
    const [line] = await t.dataSource.query<{ id: string; status: string; holderName: string }[]>(
      `SELECT id, status, holder_name AS "holderName" FROM reimbursement_line
       WHERE batch_id = $1 AND venue_id = $2`,
      [id, rejectedVenueId],
    );
    expect(line).toMatchObject({ status: 'PAYABLE', holderName: 'NOUVEAU TITULAIRE' });
    const paid = await t.dataSource.query<{ id: string; lines: number }[]>(
      `SELECT redemption_id AS id, count(*)::int AS lines FROM reimbursement_line_redemption
       WHERE active AND redemption_id = ANY($1::uuid[]) GROUP BY redemption_id`,
      [rejectedRedemptions.map((r) => r.id)],
    );
    expect(paid).toHaveLength(rejectedRedemptions.length);
    expect(paid.every((r) => r.lines === 1)).toBe(true);
    const [inLine] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reimbursement_line_redemption
       WHERE line_id = $1 AND active AND redemption_id = ANY($2::uuid[])`,
      [line.id, rejectedRedemptions.map((r) => r.id)],
    );
    expect(inLine.n).toBe(rejectedRedemptions.length);
  });
});
