import { chequeNumber, isValidChequeNumber, parseQrPayload } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { CustodyService } from '#src/custody/custody.service.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

interface Issuance {
  id: string;
  status: string;
  carnetCount: number;
  carnetsDone: number;
  firstSerial: number;
  lastSerial: number;
  printGeneration: number;
  files: { kind: string; complete: boolean }[];
}

interface PrintRow {
  carnetSerial: string;
  chequeNumber: string;
  securityCode: string;
  faceValueCents: string;
  validUntil: string;
  qrPayload: string;
  position: string;
}

const HARNES = '62413';

/** Collects a response body as bytes (CSV and PDF downloads). */
const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const LENS = '62498';

describe('carnets and cheques (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let commune: Session;
  let prescriber: Session;
  let venue: Session;
  let programmeId: string;
  let run: Issuance;
  let rows: PrintRow[];

  async function waitDone(id: string, generation = 1): Promise<Issuance> {
    for (let i = 0; i < 300; i++) {
      const r = await t.http.get(`/api/v1/issuances/${id}`).set(manager.auth).expect(200);
      const body = r.body as Issuance;
      if (body.status === 'FAILED') throw new Error(`issuance failed: ${JSON.stringify(body)}`);
      if (body.status === 'DONE' && body.printGeneration === generation) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('issuance did not finish');
  }

  async function csvOf(id: string): Promise<PrintRow[]> {
    const r = await t.http
      .get(`/api/v1/issuances/${id}/files/csv`)
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    return parse<PrintRow>(r.body as Buffer, { columns: true });
  }

  async function carnetIdOf(serial: number): Promise<string> {
    const r = await t.http
      .get(`/api/v1/carnets?filter[serialFrom]=${serial}&filter[serialTo]=${serial}`)
      .set(manager.auth)
      .expect(200);
    return r.body.data[0].id as string;
  }

  beforeAll(async () => {
    t = await bootApp({ worker: true });
    manager = await login(t.http, 'manager@demo.carnet.fr');
    commune = await login(t.http, 'commune@demo.carnet.fr');
    prescriber = await login(t.http, 'prescriber@demo.carnet.fr');
    venue = await login(t.http, 'venue@demo.carnet.fr');
    const programmes = await t.http.get('/api/v1/programmes').set(manager.auth).expect(200);
    programmeId = programmes.body.data[0].id;
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('issues carnets through the worker, with a CSV and a PDF whose codes and QR payloads match', async () => {
    const accepted = await t.http
      .post(`/api/v1/programmes/${programmeId}/carnets`)
      .set(manager.auth)
      .send({ count: 50 })
      .expect(202);
    expect(accepted.body.status).toBe('QUEUED');
    run = await waitDone(accepted.body.id);
    expect(run.carnetsDone).toBe(50);
    expect(run.lastSerial - run.firstSerial).toBe(49);
    expect(run.files.map((f) => [f.kind, f.complete]).sort()).toEqual([
      ['CSV', true],
      ['PDF', true],
    ]);
    rows = await csvOf(run.id);
    expect(rows).toHaveLength(500);
    expect(Object.keys(rows[0]).slice(0, 6)).toEqual([
      'carnetSerial',
      'chequeNumber',
      'securityCode',
      'faceValueCents',
      'validUntil',
      'qrPayload',
    ]);
    expect(new Set(rows.map((r) => r.chequeNumber)).size).toBe(500);
    for (const row of rows) {
      expect(isValidChequeNumber(row.chequeNumber)).toBe(true);
      expect(parseQrPayload(row.qrPayload)).toEqual({
        number: row.chequeNumber,
        securityCode: row.securityCode,
      });
      expect(row.faceValueCents).toBe('1000');
    }
    const pdf = await t.http
      .get(`/api/v1/issuances/${run.id}/files/pdf`)
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const downloads = await t.http
      .get(
        `/api/v1/audit-events?filter[entityId]=${run.id}&filter[action]=issuance.print-downloaded`,
      )
      .set(manager.auth)
      .expect(200);
    expect(downloads.body.meta.total).toBe(2);
    // The list shows each run with the files of its current generation, as the run itself does.
    const list = await t.http.get('/api/v1/issuances').set(manager.auth).expect(200);
    const listed = list.body.data.find((i: { id: string }) => i.id === run.id);
    const single = await t.http.get(`/api/v1/issuances/${run.id}`).set(manager.auth).expect(200);
    expect(listed.files).toEqual(single.body.files);
    expect(listed.files.map((f: { kind: string }) => f.kind).sort()).toEqual(['CSV', 'PDF']);
  });

  it('counts the cheques issued in the budget view, per funder to the cent', async () => {
    const budget = await t.http
      .get(`/api/v1/programmes/${programmeId}/budget`)
      .set(manager.auth)
      .expect(200);
    const [live] = await t.dataSource.query<{ cents: string }[]>(
      `SELECT sum(face_value_cents) AS cents FROM cheque WHERE programme_id = $1 AND status <> 'CANCELLED'`,
      [programmeId],
    );
    expect(budget.body.issuedCents).toBe(Number(live.cents));
    expect(budget.body.issuedCents).toBeGreaterThanOrEqual(500_000);
    const parts = budget.body.byFunder.map((f: { issuedCents: number }) => f.issuedCents);
    expect(parts.reduce((a: number, b: number) => a + b, 0)).toBe(budget.body.issuedCents);
  });

  it('refuses a run over the budget, and issuing to anyone but a programme manager', async () => {
    const over = await t.http
      .post(`/api/v1/programmes/${programmeId}/carnets`)
      .set(manager.auth)
      .send({ count: 100_000 })
      .expect(422);
    expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(over.body.code).toBe('ISSUANCE_EXCEEDS_BUDGET');
    await t.http
      .post(`/api/v1/programmes/${programmeId}/carnets`)
      .set(commune.auth)
      .send({ count: 1 })
      .expect(403);
  });

  it('moves carnets down the chain: programme → commune → prescriber, and back', async () => {
    const toHarnes = await t.http
      .post('/api/v1/carnets/transfers')
      .set(manager.auth)
      .send({
        serialFrom: run.firstSerial,
        serialTo: run.firstSerial + 9,
        to: { kind: 'COMMUNE', inseeCode: HARNES },
      })
      .expect(201);
    expect(toHarnes.body).toMatchObject({
      kind: 'TRANSFER',
      count: 10,
      to: { kind: 'COMMUNE', inseeCode: HARNES },
    });
    // One audit entry for the whole transfer, listing what it moved.
    const audited = await t.dataSource.query<
      { entity_type: string; after: { count: number; serials: string; carnetIds: string[] } }[]
    >(
      `SELECT entity_type, after FROM audit_event WHERE entity_id = $1 OR after->>'transferId' = $1`,
      [toHarnes.body.transferId],
    );
    expect(audited).toHaveLength(1);
    expect(audited[0].entity_type).toBe('transfer');
    expect(audited[0].after).toMatchObject({
      count: 10,
      serials: `${run.firstSerial}-${run.firstSerial + 9}`,
    });
    expect(audited[0].after.carnetIds).toHaveLength(10);

    // Lens's référent does not see Harnes's carnets, nor can move them.
    const harnesCarnet = await carnetIdOf(run.firstSerial);
    await t.http.get(`/api/v1/carnets/${harnesCarnet}`).set(commune.auth).expect(404);
    const stolen = await t.http
      .post(`/api/v1/carnets/${harnesCarnet}/transfers`)
      .set(commune.auth)
      .send({ to: { kind: 'PROGRAMME' } })
      .expect(404);
    expect(stolen.body.code).toBe('CARNET_NOT_FOUND');

    await t.http
      .post('/api/v1/carnets/transfers')
      .set(manager.auth)
      .send({
        serialFrom: run.firstSerial + 10,
        serialTo: run.firstSerial + 19,
        to: { kind: 'COMMUNE', inseeCode: LENS },
      })
      .expect(201);
    const prescribers = await t.http.get('/api/v1/prescribers').set(commune.auth).expect(200);
    const ccas = prescribers.body.data.find((p: { name: string }) => p.name === 'CCAS de Lens');
    // Its commune's structures, and (read-only) those of other communes that serve Lens.
    expect(
      prescribers.body.data.every(
        (p: { inseeCode: string; servedInseeCodes: string[] }) =>
          p.inseeCode === LENS || p.servedInseeCodes.includes(LENS),
      ),
    ).toBe(true);
    const toCcas = await t.http
      .post('/api/v1/carnets/transfers')
      .set(commune.auth)
      .send({
        serialFrom: run.firstSerial + 10,
        serialTo: run.firstSerial + 14,
        to: { kind: 'PRESCRIBER', prescriberId: ccas.id },
      })
      .expect(201);
    expect(toCcas.body).toMatchObject({
      count: 5,
      from: { kind: 'COMMUNE' },
      to: { kind: 'PRESCRIBER', prescriberName: 'CCAS de Lens' },
    });

    const mine = await t.http
      .get(`/api/v1/carnets?filter[issuanceId]=${run.id}`)
      .set(prescriber.auth)
      .expect(200);
    expect(mine.body.meta.total).toBe(5);
    const back = await t.http
      .post(`/api/v1/carnets/${mine.body.data[0].id}/transfers`)
      .set(prescriber.auth)
      .send({ to: { kind: 'COMMUNE' } })
      .expect(201);
    expect(back.body).toMatchObject({ kind: 'RETURN', count: 1, to: { inseeCode: LENS } });

    // Moving a carnet the caller no longer holds is refused, and nothing moves. The commune is
    // told where they are when its own structures hold them (in French, and as `heldBy`), and
    // nothing about anyone else's; the programme owner is told exactly.
    const again = await t.http
      .post('/api/v1/carnets/transfers')
      .set(commune.auth)
      .send({
        serialFrom: run.firstSerial + 14,
        serialTo: run.firstSerial + 16,
        to: { kind: 'PRESCRIBER', prescriberId: ccas.id },
      })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'CARNET_NOT_HELD',
      detail: 'Ces carnets ne sont pas tous dans le même stock : 1 carnet est chez CCAS de Lens.',
      heldBy: [
        {
          kind: 'PRESCRIBER',
          name: 'CCAS de Lens',
          count: 1,
          serials: String(run.firstSerial + 14),
        },
      ],
    });
    const atCcas = mine.body.data.slice(1).map((c: { id: string }) => c.id);
    const notYours = await t.http
      .post('/api/v1/carnets/transfers')
      .set(commune.auth)
      .send({ carnetIds: atCcas, to: { kind: 'PROGRAMME' } })
      .expect(409);
    expect(notYours.body).toMatchObject({
      code: 'CARNET_NOT_HELD',
      detail: 'Ces carnets ne sont pas dans votre stock : 4 carnets sont chez CCAS de Lens.',
      heldBy: [{ kind: 'PRESCRIBER', holderId: expect.any(String), count: 4 }],
    });
    // The structure is told nothing of its commune's stock.
    const notTold = await t.http
      .post('/api/v1/carnets/transfers')
      .set(prescriber.auth)
      .send({
        serialFrom: run.firstSerial + 14,
        serialTo: run.firstSerial + 16,
        to: { kind: 'COMMUNE' },
      })
      .expect(404);
    expect(notTold.body).toMatchObject({ code: 'CARNET_NOT_FOUND' });
    expect(notTold.body.heldBy).toBeUndefined();
    const sweep = await t.http
      .post('/api/v1/carnets/transfers')
      .set(commune.auth)
      .send({ serialFrom: 1, serialTo: 50_000, to: { kind: 'PROGRAMME' } })
      .expect(404);
    expect(sweep.body).toMatchObject({
      code: 'CARNET_NOT_FOUND',
      detail: 'No such carnet in your custody.',
    });
    const told = await t.http
      .post('/api/v1/carnets/transfers')
      .set(manager.auth)
      .send({
        serialFrom: run.firstSerial + 14,
        serialTo: run.firstSerial + 16,
        to: { kind: 'PRESCRIBER', prescriberId: ccas.id },
      })
      .expect(409);
    expect(told.body.code).toBe('CARNET_NOT_HELD');
    expect(told.body.errors[0].message).toMatch(/held elsewhere/);

    const history = await t.http
      .get(`/api/v1/carnets/${mine.body.data[0].id}/transfers`)
      .set(manager.auth)
      .expect(200);
    expect(history.body.data.map((m: { kind: string }) => m.kind)).toEqual([
      'ISSUE',
      'TRANSFER',
      'TRANSFER',
      'RETURN',
    ]);
    // Each move names its person (joined from the user's account); the run's entry is the job's,
    // on behalf of the manager who asked for it.
    const [{ display_name: managerName }] = await t.dataSource.query<{ display_name: string }[]>(
      `SELECT display_name FROM user_account WHERE email = 'manager@demo.carnet.fr'`,
    );
    expect(
      history.body.data.map((m: { actorLabel: string; actorName: string | null }) => [
        m.actorLabel,
        m.actorName,
      ]),
    ).toEqual([
      ['system:issuance', managerName],
      ['manager@demo.carnet.fr', managerName],
      ['commune@demo.carnet.fr', expect.any(String)],
      ['prescriber@demo.carnet.fr', expect.any(String)],
    ]);

    // Every holder's stock is the sum of its ledger.
    const mismatches = await t.dataSource.query<unknown[]>(`
      SELECT h.id FROM custody_holder h
      LEFT JOIN (SELECT holder, sum(d)::int AS n FROM (
        SELECT to_holder_id AS holder, 1 AS d FROM custody_movement WHERE to_holder_id IS NOT NULL
        UNION ALL SELECT from_holder_id, -1 FROM custody_movement WHERE from_holder_id IS NOT NULL) x GROUP BY holder) l
        ON l.holder = h.id
      WHERE h.carnets <> COALESCE(l.n, 0)`);
    expect(mismatches).toEqual([]);
    const stocks = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks`)
      .set(commune.auth)
      .expect(200);
    expect(stocks.body.data.every((s: { inseeCode: string }) => s.inseeCode === LENS)).toBe(true);
    expect(stocks.body.data.map((s: { kind: string }) => s.kind)).toContain('PRESCRIBER');
    const own = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks`)
      .set(prescriber.auth)
      .expect(200);
    expect(own.body.data).toHaveLength(1);
    expect(own.body.data[0]).toMatchObject({ kind: 'PRESCRIBER', prescriberName: 'CCAS de Lens' });

    // A structure holding carnets does not change commune.
    const moved = await t.http
      .patch(`/api/v1/prescribers/${ccas.id}`)
      .set(manager.auth)
      .send({ inseeCode: HARNES })
      .expect(409);
    expect(moved.body.code).toBe('PRESCRIBER_HOLDS_CARNETS');
  });

  it('keeps prescriber structures within their commune', async () => {
    const foreign = await t.http
      .post('/api/v1/prescribers')
      .set(commune.auth)
      .send({ name: 'CCAS de Harnes', type: 'CCAS', inseeCode: HARNES })
      .expect(404);
    expect(foreign.body.code).toBe('COMMUNE_NOT_FOUND');
    const own = await t.http
      .post('/api/v1/prescribers')
      .set(commune.auth)
      .send({
        name: 'Maison de quartier Grande Résidence',
        type: 'MAISON_DE_QUARTIER',
        inseeCode: LENS,
      })
      .expect(201);
    expect(own.body).toMatchObject({ communeName: 'Lens', type: 'MAISON_DE_QUARTIER' });
    const seen = await t.http.get('/api/v1/prescribers').set(prescriber.auth).expect(200);
    expect(seen.body.data.map((p: { name: string }) => p.name)).toEqual(['CCAS de Lens']);
    await t.http.get(`/api/v1/prescribers/${own.body.id}`).set(prescriber.auth).expect(404);
    await t.http
      .post('/api/v1/prescribers')
      .set(prescriber.auth)
      .send({ name: 'X', type: 'CCAS', inseeCode: LENS })
      .expect(403);
  });

  it('lets a venue check a cheque with its code; every other answer is the same 404', async () => {
    const row = rows.find((r) => Number(r.carnetSerial) === run.firstSerial + 30)!;
    const ok = await t.http
      .get(`/api/v1/cheques/${row.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', row.securityCode.toLowerCase())
      .expect(200);
    expect(ok.body).toMatchObject({
      number: row.chequeNumber,
      status: 'ISSUED',
      faceValueCents: 1000,
      payableHere: false,
      reason: 'NOT_HANDED_OUT',
      programme: { id: programmeId },
    });
    const wrongCode = await t.http
      .get(`/api/v1/cheques/${row.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', 'AAAAAAAAAA')
      .expect(404);
    const noCode = await t.http
      .get(`/api/v1/cheques/${row.chequeNumber}`)
      .set(venue.auth)
      .expect(404);
    const unknown = await t.http
      .get(`/api/v1/cheques/${chequeNumber(99_999_999)}`)
      .set(venue.auth)
      .set('X-Security-Code', row.securityCode)
      .expect(404);
    for (const r of [wrongCode, noCode, unknown]) {
      expect(r.body.code).toBe('CHEQUE_NOT_FOUND');
      expect(r.body.title).toBe(wrongCode.body.title);
    }
    const typo = row.chequeNumber.slice(0, 11) + String((Number(row.chequeNumber[11]) + 1) % 10);
    const refused = await t.http.get(`/api/v1/cheques/${typo}`).set(venue.auth).expect(400);
    expect(refused.body.code).toBe('INVALID_CHEQUE_NUMBER');
  });

  it('reissues the codes of the carnets still in stock; the old codes stop working', async () => {
    const inHarnes = rows.find((r) => Number(r.carnetSerial) === run.firstSerial)!;
    const inStock = rows.find((r) => Number(r.carnetSerial) === run.firstSerial + 30)!;
    await t.http.post(`/api/v1/issuances/${run.id}/print`).set(manager.auth).expect(202);
    const reprinted = await waitDone(run.id, 2);
    const fresh = await csvOf(reprinted.id);
    expect(new Set(fresh.map((r) => Number(r.carnetSerial))).size).toBe(30); // 20 left the stock
    const renewed = fresh.find((r) => r.chequeNumber === inStock.chequeNumber)!;
    expect(renewed.securityCode).not.toBe(inStock.securityCode);
    await t.http
      .get(`/api/v1/cheques/${inStock.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', inStock.securityCode)
      .expect(404);
    await t.http
      .get(`/api/v1/cheques/${inStock.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', renewed.securityCode)
      .expect(200);
    // Carnets already handed down the chain keep the codes printed on them.
    await t.http
      .get(`/api/v1/cheques/${inHarnes.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', inHarnes.securityCode)
      .expect(200);
    const audit = await t.http
      .get(
        `/api/v1/audit-events?filter[entityId]=${run.id}&filter[action]=issuance.print-regenerated`,
      )
      .set(manager.auth)
      .expect(200);
    expect(audit.body.meta.total).toBe(1);
  });

  it('cancels a cheque or a carnet with a reason, and replaces a cancelled carnet once', async () => {
    const row = rows.find((r) => Number(r.carnetSerial) === run.firstSerial + 40)!;
    const noReason = await t.http
      .post(`/api/v1/cheques/${row.chequeNumber}/cancel`)
      .set(manager.auth)
      .send({})
      .expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    const cancelled = await t.http
      .post(`/api/v1/cheques/${row.chequeNumber}/cancel`)
      .set(manager.auth)
      .send({ reason: 'DAMAGED', comment: 'Déchiré' })
      .expect(201);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'DAMAGED' });
    const twice = await t.http
      .post(`/api/v1/cheques/${row.chequeNumber}/cancel`)
      .set(manager.auth)
      .send({ reason: 'LOST' })
      .expect(409);
    expect(twice.body.code).toBe('CHEQUE_NOT_CANCELLABLE');

    // A carnet lost at Harnes: its cheques are void, it leaves Harnes's stock, a replacement goes there.
    const lostId = await carnetIdOf(run.firstSerial + 1);
    await t.http.post(`/api/v1/carnets/${lostId}/replacement`).set(manager.auth).expect(409);
    await t.http
      .post(`/api/v1/carnets/${lostId}/cancel`)
      .set(commune.auth)
      .send({ reason: 'LOST' })
      .expect(403);
    const gone = await t.http
      .post(`/api/v1/carnets/${lostId}/cancel`)
      .set(manager.auth)
      .send({ reason: 'STOLEN' })
      .expect(201);
    expect(gone.body).toMatchObject({
      status: 'CANCELLED',
      holder: null,
      lastHolder: { inseeCode: HARNES },
    });
    const detail = await t.http.get(`/api/v1/carnets/${lostId}`).set(manager.auth).expect(200);
    expect(detail.body.cheques.every((c: { status: string }) => c.status === 'CANCELLED')).toBe(
      true,
    );
    const replacement = await t.http
      .post(`/api/v1/carnets/${lostId}/replacement`)
      .set(manager.auth)
      .expect(201);
    expect(replacement.body).toMatchObject({
      replacesCarnetId: lostId,
      holder: { kind: 'COMMUNE', inseeCode: HARNES },
    });
    expect(
      replacement.body.cheques.filter((c: { status: string }) => c.status === 'ISSUED'),
    ).toHaveLength(10);
    const replaced = await t.http.get(`/api/v1/carnets/${lostId}`).set(manager.auth).expect(200);
    expect(replaced.body.replacedByCarnetId).toBe(replacement.body.id);
    const second = await t.http
      .post(`/api/v1/carnets/${lostId}/replacement`)
      .set(manager.auth)
      .expect(409);
    expect(second.body.code).toBe('CARNET_NOT_REPLACEABLE');

    const stocks = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks`)
      .set(manager.auth)
      .expect(200);
    const harnes = stocks.body.data.find(
      (s: { kind: string; inseeCode: string }) => s.kind === 'COMMUNE' && s.inseeCode === HARNES,
    );
    expect(harnes).toMatchObject({ carnets: 10, received: 10 });
  });

  it("tells a cheque's whole history from the audit log", async () => {
    const row = rows.find((r) => Number(r.carnetSerial) === run.firstSerial + 1)!;
    const events = await t.http
      .get(`/api/v1/cheques/${row.chequeNumber}/events`)
      .set(manager.auth)
      .expect(200);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual([
      'issuance.requested',
      'issuance.started',
      'issuance.printing',
      'issuance.completed',
      'issuance.print-downloaded',
      'issuance.print-downloaded',
      'carnet.transfer',
      'issuance.print-regenerated',
      'issuance.reprint-completed',
      'issuance.print-downloaded',
      'carnet.write-off',
      'carnet.cancelled',
      'carnet.replaced',
    ]);
    const transfer = events.body.data.find(
      (e: { action: string }) => e.action === 'carnet.transfer',
    );
    expect(transfer.after.holder).toBe('Commune Harnes');
    expect(transfer.before.holder).toBe('Programme stock');
    // The person by name beside the e-mail the log kept; a job has none.
    const [{ display_name: managerName }] = await t.dataSource.query<{ display_name: string }[]>(
      `SELECT display_name FROM user_account WHERE email = 'manager@demo.carnet.fr'`,
    );
    expect(transfer).toMatchObject({
      actorLabel: 'manager@demo.carnet.fr',
      actorName: managerName,
    });
    const completed = events.body.data.find(
      (e: { action: string }) => e.action === 'issuance.completed',
    );
    expect(completed).toMatchObject({ actorLabel: 'system:issuance', actorName: null });
    await t.http.get(`/api/v1/cheques/${row.chequeNumber}/events`).set(venue.auth).expect(403);
  });

  it('shows the expiry view: carnets per commune and prescriber, nothing expired yet', async () => {
    const view = await t.http
      .get(`/api/v1/programmes/${programmeId}/expiry`)
      .set(manager.auth)
      .expect(200);
    expect(view.body.expired).toMatchObject({ cheques: 0, valueCents: 0 });
    const harnes = view.body.rows.find(
      (r: { level: string; inseeCode: string }) => r.level === 'COMMUNE' && r.inseeCode === HARNES,
    );
    expect(harnes).toMatchObject({ issued: 10, handedOut: 0, notHandedOut: 10, started: 0 });
    const lens = await t.http
      .get(`/api/v1/programmes/${programmeId}/expiry`)
      .set(commune.auth)
      .expect(200);
    expect(lens.body.rows.length).toBeGreaterThan(0);
    expect(lens.body.rows.every((r: { inseeCode: string }) => r.inseeCode === LENS)).toBe(true);
    expect(lens.body.expired).toBeNull();
  });

  it('pages carnets and the audit log by key, and counts exactly up to 10,000 matches', async () => {
    // The same walk by offset and by cursor, on a sort whose values tie (one run's carnets share
    // their creation instant): every carnet once, in the same order.
    const byOffset: string[] = [];
    for (let page = 1; ; page++) {
      const r = await t.http
        .get(`/api/v1/carnets?sort=createdAt&pageSize=7&page=${page}`)
        .set(manager.auth)
        .expect(200);
      byOffset.push(...r.body.data.map((c: { id: string }) => c.id));
      if (r.body.data.length < 7) break;
    }
    const byCursor: string[] = [];
    let cursor: string | null = null;
    do {
      const r: request.Response = await t.http
        .get(`/api/v1/carnets?sort=createdAt&pageSize=7${cursor ? `&cursor=${cursor}` : ''}`)
        .set(manager.auth)
        .expect(200);
      expect(r.body.meta).toMatchObject({ total: byOffset.length });
      byCursor.push(...r.body.data.map((c: { id: string }) => c.id));
      cursor = r.body.meta.nextCursor as string | null;
    } while (cursor !== null);
    expect(byCursor).toEqual(byOffset);
    expect(new Set(byCursor).size).toBe(byCursor.length);

    // A référent's cursor pages stay within its scope.
    const first = await t.http.get('/api/v1/carnets?pageSize=2').set(commune.auth).expect(200);
    const next = await t.http
      .get(`/api/v1/carnets?pageSize=2&cursor=${first.body.meta.nextCursor}`)
      .set(commune.auth)
      .expect(200);
    expect(next.body.data[0].serial).toBeGreaterThan(first.body.data[1].serial);
    for (const c of [...first.body.data, ...next.body.data]) expect(c.holder.inseeCode).toBe(LENS);

    // A cursor continues only the sort it was made for, and only a real one is read.
    const other = await t.http
      .get(`/api/v1/carnets?sort=-serial&cursor=${first.body.meta.nextCursor}`)
      .set(commune.auth)
      .expect(400);
    expect(other.body.errors[0].field).toBe('cursor');
    for (const bad of ['x', Buffer.from('{"s":"serial","id":"1; DROP"}').toString('base64url')]) {
      const refused = await t.http
        .get(`/api/v1/carnets?cursor=${bad}`)
        .set(manager.auth)
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }

    // Past 10,000 matching events the total is the planner's estimate, and says so.
    const exact = await t.http.get('/api/v1/audit-events?pageSize=1').set(manager.auth).expect(200);
    expect(exact.body.meta.totalIsEstimate).toBeUndefined();
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event`,
    );
    expect(exact.body.meta.total).toBe(n);
    await t.dataSource.query(
      `INSERT INTO audit_event (actor_type, actor_label, action, entity_type, entity_id)
       SELECT 'SYSTEM', 'system:test', 'test.bulk', 'bulk', g::text FROM generate_series(1, 10050) g`,
    );
    await t.dataSource.query('ANALYZE audit_event');
    const estimated = await t.http
      .get('/api/v1/audit-events?pageSize=3&filter[entityType]=bulk')
      .set(manager.auth)
      .expect(200);
    expect(estimated.body.meta.totalIsEstimate).toBe(true);
    expect(estimated.body.meta.total).toBeGreaterThan(10_000);
    expect(estimated.body.data.map((e: { entityId: string }) => e.entityId)).toEqual([
      '10050',
      '10049',
      '10048',
    ]);
    const older = await t.http
      .get(
        `/api/v1/audit-events?pageSize=3&filter[entityType]=bulk&cursor=${estimated.body.meta.nextCursor}`,
      )
      .set(manager.auth)
      .expect(200);
    expect(older.body.data.map((e: { entityId: string }) => e.entityId)).toEqual([
      '10047',
      '10046',
      '10045',
    ]);
  });

  it('pages the stocks in custody order, with totals over every page', async () => {
    const all = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks?pageSize=200`)
      .set(manager.auth)
      .expect(200);
    const holders = all.body.data as {
      id: string;
      kind: string;
      carnets: number;
      handedOut: number;
    }[];
    expect(holders[0].kind).toBe('PROGRAMME');
    expect(all.body.meta).toMatchObject({
      page: 1,
      pageSize: 200,
      total: holders.length,
      carnets: holders.reduce((sum, h) => sum + h.carnets, 0),
    });
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(holders.length / 2); page++) {
      const r = await t.http
        .get(`/api/v1/programmes/${programmeId}/stocks?pageSize=2&page=${page}`)
        .set(manager.auth)
        .expect(200);
      expect(r.body.meta.total).toBe(holders.length);
      paged.push(...r.body.data.map((h: { id: string }) => h.id));
    }
    expect(paged).toEqual(holders.map((h) => h.id));
    const sorted = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks?sort=carnets`)
      .set(manager.auth)
      .expect(400);
    expect(sorted.body.errors[0].field).toBe('sort');
  });

  it("keeps each prescriber's handed-out and started carnets equal to the ledger and the cheques", async () => {
    // Hand-outs through their API; redemptions in SQL, as the redemption module will write them
    // (cheques to REDEEMED). The demo already handed carnets out: counts are read from there.
    const [ccas] = await t.dataSource.query<{ holder: string; prescriber: string }[]>(
      `SELECT h.id AS holder, h.prescriber_id AS prescriber FROM custody_holder h
       JOIN prescriber p ON p.id = h.prescriber_id
       WHERE h.programme_id = $1 AND h.kind = 'PRESCRIBER' AND p.name = 'CCAS de Lens'`,
      [programmeId],
    );
    const held = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM carnet WHERE holder_id = $1 ORDER BY serial LIMIT 3`,
      [ccas.holder],
    );
    expect(held).toHaveLength(3);
    const oracle = () =>
      t.dataSource.query<{ handed_out: number; started: number }[]>(
        `SELECT count(*)::int AS handed_out,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = c.id
                  AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')))::int AS started
         FROM carnet c JOIN custody_holder b ON b.id = c.holder_id AND b.kind = 'BENEFICIARY'
         WHERE c.status = 'ACTIVE' AND (SELECT fh.prescriber_id FROM custody_movement m
           JOIN custody_holder fh ON fh.id = m.from_holder_id
           WHERE m.carnet_id = c.id AND m.kind = 'HAND_OUT' ORDER BY m.id DESC LIMIT 1) = $1`,
        [ccas.prescriber],
      );
    const counters = () =>
      t.dataSource.query<{ handed_out: number; started: number }[]>(
        `SELECT handed_out, started FROM custody_holder WHERE id = $1`,
        [ccas.holder],
      );
    const [base] = await oracle();
    expect(await counters()).toEqual([base]);
    const expectCounts = async (handedOut: number, started: number) => {
      const expected = [
        { handed_out: base.handed_out + handedOut, started: base.started + started },
      ];
      expect(await counters()).toEqual(expected);
      expect(await oracle()).toEqual(expected);
    };
    const lineOf = async (level: 'PRESCRIBER' | 'COMMUNE') => {
      const view = await t.http
        .get(`/api/v1/programmes/${programmeId}/expiry`)
        .set(manager.auth)
        .expect(200);
      return view.body.rows.find(
        (r: { level: string; prescriberId: string; inseeCode: string }) =>
          r.level === level &&
          (level === 'PRESCRIBER' ? r.prescriberId === ccas.prescriber : r.inseeCode === LENS),
      ) as { handedOut: number; started: number };
    };
    const lensBase = await lineOf('COMMUNE');

    const beneficiaries: string[] = [];
    for (const [i, carnet] of held.entries()) {
      const person = await t.http
        .post('/api/v1/beneficiaries')
        .set(prescriber.auth)
        .send({
          programmeId,
          inseeCode: LENS,
          ageBand: '60_74',
          situation: 'RETRAITE',
          address: `${i + 1} rue du Test, 62300 Lens`,
        })
        .expect(201);
      const diagnostic = await t.http
        .post(`/api/v1/beneficiaries/${person.body.id}/diagnostics`)
        .set(prescriber.auth)
        .send({ services: [], procedures: ['CAF'], autonomy: 2, equipment: [] })
        .expect(201);
      await t.http
        .post(`/api/v1/beneficiaries/${person.body.id}/carnets`)
        .set(prescriber.auth)
        .set('Idempotency-Key', `handed-${carnet.id}`)
        .send({ carnetId: carnet.id, diagnosticId: diagnostic.body.id })
        .expect(201);
      const [b] = await t.dataSource.query<{ id: string }[]>(
        `SELECT holder_id AS id FROM carnet WHERE id = $1`,
        [carnet.id],
      );
      beneficiaries.push(b.id);
    }
    await expectCounts(3, 0);

    // Two cheques of one carnet in one statement, one of another: two carnets started.
    await t.dataSource.query(
      `UPDATE cheque SET status = 'REDEEMED' WHERE (carnet_id = $1 AND position IN (1, 2)) OR (carnet_id = $2 AND position = 1)`,
      [held[0].id, held[1].id],
    );
    await expectCounts(3, 2);
    await t.dataSource.query(
      `UPDATE cheque SET status = 'IN_BATCH' WHERE carnet_id = $1 AND status = 'REDEEMED'`,
      [held[0].id],
    );
    await expectCounts(3, 2);
    // A cancelled redemption: one cheque of the first carnet back, still started; the second's
    // only used cheque back, no longer started.
    await t.dataSource.query(
      `UPDATE cheque SET status = 'DISTRIBUTED' WHERE (carnet_id = $1 AND position = 2) OR (carnet_id = $2 AND position = 1)`,
      [held[0].id, held[1].id],
    );
    await expectCounts(3, 1);
    // A started carnet lost and written off leaves both counts.
    await t.dataSource.query(
      `WITH gone AS (UPDATE carnet SET holder_id = NULL, last_holder_id = holder_id, status = 'CANCELLED',
                       cancellation_reason = 'LOST', cancelled_at = now() WHERE id = $1 RETURNING id)
       INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_label)
       SELECT gen_random_uuid(), $2, id, 'WRITE_OFF', $3, NULL, 'test' FROM gone`,
      [held[0].id, programmeId, beneficiaries[0]],
    );
    await expectCounts(2, 0);

    // The expiry view reads the counters: the prescriber's line and its commune's.
    const [{ stock }] = await t.dataSource.query<{ stock: number }[]>(
      `SELECT carnets AS stock FROM custody_holder WHERE id = $1`,
      [ccas.holder],
    );
    expect(await lineOf('PRESCRIBER')).toMatchObject({
      issued: stock + base.handed_out + 2,
      handedOut: base.handed_out + 2,
      notHandedOut: stock,
      started: base.started,
    });
    await t.dataSource.query(
      `UPDATE cheque SET status = 'REDEEMED' WHERE carnet_id = $1 AND position = 3`,
      [held[2].id],
    );
    expect(await lineOf('COMMUNE')).toMatchObject({
      handedOut: lensBase.handedOut + 2,
      started: lensBase.started + 1,
    });
    // Two redemptions of one carnet at once, on two connections: the second waits for the
    // first's lock on the carnet, then counts its cheque, so the carnet starts once.
    await expectCounts(2, 1);
    const first = t.dataSource.createQueryRunner();
    const second = t.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      await first.query(
        `UPDATE cheque SET status = 'REDEEMED' WHERE carnet_id = $1 AND position = 4`,
        [held[1].id],
      );
      const waiting = second.query(
        `UPDATE cheque SET status = 'REDEEMED' WHERE carnet_id = $1 AND position = 5`,
        [held[1].id],
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      await waiting;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    await expectCounts(2, 2);
    // A beneficiary's row keeps the prescriber it names.
    await expect(
      t.dataSource.query(`UPDATE custody_holder SET prescriber_id = NULL WHERE id = $1`, [
        beneficiaries[1],
      ]),
    ).rejects.toThrow(/keeps the prescriber/);

    const stocks = await t.http
      .get(`/api/v1/programmes/${programmeId}/stocks?pageSize=200`)
      .set(manager.auth)
      .expect(200);
    expect(stocks.body.data.some((h: { kind: string }) => h.kind === 'BENEFICIARY')).toBe(false);
    expect(stocks.body.data.find((h: { id: string }) => h.id === ccas.holder)).toMatchObject({
      carnets: stock,
      handedOut: base.handed_out + 2,
    });
    // What a structure holds (what stops it changing commune) is its stock, not what it handed out.
    const custody = t.app.get(CustodyService);
    const stockHeld = await t.dataSource.transaction((m) =>
      custody.lockPrescriberStock(m, ccas.prescriber),
    );
    expect(stockHeld).toBe(stock);
  });

  it('stops cheques being payable once their programme is closed', async () => {
    const row = rows.find((r) => Number(r.carnetSerial) === run.firstSerial + 2)!;
    await t.http.post(`/api/v1/programmes/${programmeId}/close`).set(manager.auth).expect(200);
    const checked = await t.http
      .get(`/api/v1/cheques/${row.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', row.securityCode)
      .expect(200);
    expect(checked.body).toMatchObject({ payableHere: false, reason: 'PROGRAMME_NOT_ACTIVE' });
  });
});
