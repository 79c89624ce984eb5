import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Queue, QueueEvents } from 'bullmq';
import { PrivacyService } from '#src/beneficiaries/privacy.service.js';
import { AppConfig } from '#src/config/app-config.js';
import { QUEUES } from '#src/queues/queues.js';
import { WorkerModule } from '#src/worker.module.js';
import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  createProgramme,
  importCommunes,
  issueCarnets,
  LENS,
  LIEVIN,
  signedInAgent,
} from './factories.js';
import { bootApp, login, type Session, type TestApp, testEnv } from './utils.js';

const NOTES = 'Veut déclarer ses revenus en ligne avec sa fille.';

/**
 * A beneficiary's data on real PostgreSQL (and the worker's queue on Redis): export, erasure,
 * and the retention purge, which removes identifying data and keeps the anonymous aggregates.
 */
describe('beneficiaries: export, erasure and retention (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let manager: Session;
  let referent: Session;
  let lensAgent: Session;
  let lievinAgent: Session;
  let oldProgramme: string;
  let currentProgramme: string;
  let oldWithBirthYear: string;
  let oldWithBand: string;
  let current: string;
  let carnet: { id: string; serial: number };
  let worker: INestApplication | undefined;

  const agentOf = (prescriberId: string, email: string) =>
    signedInAgent(t, manager, prescriberId, email);

  const register = async (programmeId: string, person: Record<string, unknown>) => {
    const id = (
      await t.http
        .post('/api/v1/beneficiaries')
        .set(lensAgent.auth)
        .send({ programmeId, inseeCode: LENS, situation: 'RETRAITE', ...person })
        .expect(201)
    ).body.id as string;
    await t.http
      .post(`/api/v1/beneficiaries/${id}/diagnostics`)
      .set(lensAgent.auth)
      .send({
        services: ['Aide aux démarches administratives'],
        procedures: ['IMPOTS'],
        autonomy: 2,
        equipment: ['PHONE'],
        notes: NOTES,
      })
      .expect(201);
    return id;
  };

  const row = async (id: string) =>
    (
      await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT first_name, contact, consent_scope, consent_at, consent_recorded_by,
                household_key IS NOT NULL AS has_key, age_band, birth_year, insee_code, situation,
                created_at, purged_at, erased_at
         FROM beneficiary WHERE id = $1`,
        [id],
      )
    )[0];

  const diagnosticsOf = (id: string) =>
    t.dataSource.query<Record<string, unknown>[]>(
      `SELECT services, procedures, autonomy, equipment, notes, created_at FROM diagnostic
       WHERE beneficiary_id = $1`,
      [id],
    );

  const audits = (action: string) =>
    t.dataSource.query<{ entity_id: string; after: Record<string, unknown>; text: string }[]>(
      `SELECT entity_id, after, row_to_json(a)::text AS text FROM audit_event a
       WHERE action = $1 ORDER BY id`,
      [action],
    );

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    manager = await login(t.http, 'manager@demo.carnet.fr');
    referent = await login(t.http, 'commune@demo.carnet.fr');
    // Over on 2023-07-01 (end date, validity end, no grace): retention ends on 2025-07-01.
    oldProgramme = (
      await createProgramme(t, {
        enrol: [LENS],
        programme: {
          startDate: '2022-01-01',
          endDate: '2023-06-30',
          validityEndDate: '2023-06-30',
          graceDays: 0,
        },
      })
    ).id;
    currentProgramme = (await createProgramme(t, { enrol: [LENS, LIEVIN] })).id;
    lensAgent = await agentOf((await createPrescriber(t)).id, 'agent.lens@example.org');
    const lievin = await createPrescriber(t, { name: 'CCAS de Liévin', inseeCode: LIEVIN });
    lievinAgent = await agentOf(lievin.id, 'agent.lievin@example.org');

    oldWithBirthYear = await register(oldProgramme, {
      birthYear: 1950,
      firstName: 'Josiane',
      contact: '06 12 34 56 78',
      consentScope: 'FOLLOW_UP',
      address: '12 bis boulevard Émile Basly, 62300 Lens',
    });
    oldWithBand = await register(oldProgramme, {
      ageBand: '45_59',
      firstName: 'Marcel',
      address: '3 rue de Paris, 62300 Lens',
    });
    current = await register(currentProgramme, {
      birthYear: 1948,
      firstName: 'Odette',
      contact: 'odette@example.org',
      consentScope: 'PROGRAMME_INFORMATION',
      address: '7 place Jean Jaurès, 62300 Lens',
    });

    // A carnet handed out, written as the hand-out writes it (the route needs a structure's
    // stock, which this test does not use): a BENEFICIARY custody row naming the person and the
    // prescriber, a HAND_OUT movement, the prescription with the household key copied.
    const { firstSerial } = await issueCarnets(t, currentProgramme, 1);
    const [held] = await t.dataSource.query<{ id: string; holder: string; prescriber: string }[]>(
      `SELECT c.id, c.holder_id AS holder, b.prescriber_id AS prescriber
       FROM carnet c, beneficiary b WHERE c.serial = $1 AND b.id = $2`,
      [firstSerial, current],
    );
    carnet = { id: held.id, serial: firstSerial };
    const [holder] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO custody_holder (programme_id, kind, beneficiary_id, prescriber_id)
       VALUES ($1, 'BENEFICIARY', $2, $3) RETURNING id`,
      [currentProgramme, current, held.prescriber],
    );
    await t.dataSource.query(
      `WITH moved AS (UPDATE carnet SET holder_id = $2 WHERE id = $1 RETURNING id)
       INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_label)
       SELECT gen_random_uuid(), $3, id, 'HAND_OUT', $4, $2, 'agent.lens@example.org' FROM moved`,
      [carnet.id, holder.id, currentProgramme, held.holder],
    );
    await t.dataSource.query(
      `UPDATE cheque SET status = 'DISTRIBUTED' WHERE carnet_id = $1 AND position > 1`,
      [carnet.id],
    );
    await t.dataSource.query(
      `INSERT INTO hand_out (programme_id, beneficiary_id, household_key, carnet_id, prescriber_id,
                             agent_id, diagnostic_id, transfer_id)
       SELECT b.programme_id, b.id, b.household_key, $2, b.prescriber_id, u.id, d.id,
              gen_random_uuid()
       FROM beneficiary b, user_account u, diagnostic d
       WHERE b.id = $1 AND u.email = 'agent.lens@example.org' AND d.beneficiary_id = b.id`,
      [current, carnet.id],
    );
    await t.http
      .post(`/api/v1/beneficiaries/${current}/household-exceptions`)
      .set(manager.auth)
      .send({ justification: 'Deux foyers à la même adresse (colocation).' })
      .expect(201);
  });

  const householdCopies = async (id: string) =>
    (
      await t.dataSource.query<{ handOutKeys: number; exceptionKeys: number; texts: string[] }[]>(
        `SELECT (SELECT count(household_key)::int FROM hand_out WHERE beneficiary_id = $1) AS "handOutKeys",
                (SELECT count(household_key)::int FROM household_exception WHERE beneficiary_id = $1) AS "exceptionKeys",
                (SELECT array_agg(justification) FROM household_exception WHERE beneficiary_id = $1) AS texts`,
        [id],
      )
    )[0];

  afterAll(async () => {
    // Closed with the app (bootApp does so too): closing it first stops the app's requests.
    await worker?.close();
    await t.close();
  });

  it('exports everything held on the person as an attachment, audited without personal data', async () => {
    const response = await t.http
      .get(`/api/v1/beneficiaries/${current}/export`)
      .set(lensAgent.auth)
      .expect(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="beneficiaire-${current}.json"`,
    );
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.body;
    expect(body.beneficiary).toMatchObject({
      id: current,
      firstName: 'Odette',
      contact: 'odette@example.org',
      birthYear: 1948,
      purgedAt: null,
      erasedAt: null,
    });
    expect(body.householdKey).toEqual({ held: true, description: expect.any(String) });
    expect(body.consent).toEqual({
      scope: 'PROGRAMME_INFORMATION',
      at: expect.any(String),
      recordedBy: expect.any(String),
    });
    expect(body.diagnostics).toEqual([expect.objectContaining({ notes: NOTES, autonomy: 2 })]);
    expect(body.handOuts).toEqual([
      expect.objectContaining({ carnetId: carnet.id, carnetSerial: carnet.serial }),
    ]);
    expect(body.householdExceptions).toEqual([
      expect.objectContaining({ justification: 'Deux foyers à la même adresse (colocation).' }),
    ]);
    expect(body.carnets).toEqual([
      expect.objectContaining({
        id: carnet.id,
        serial: carnet.serial,
        status: 'ACTIVE',
        heldNow: true,
        programmeId: currentProgramme,
      }),
    ]);
    expect(body.carnets[0].cheques.map((c: { status: string }) => c.status)).toEqual([
      'ISSUED',
      ...Array<string>(9).fill('DISTRIBUTED'),
    ]);
    expect(body.custodyMovements).toEqual([
      expect.objectContaining({
        carnetId: carnet.id,
        serial: carnet.serial,
        kind: 'HAND_OUT',
        toPerson: true,
      }),
    ]);
    // No household key bytes anywhere, in any encoding a JSON answer could carry.
    expect(JSON.stringify(body)).not.toMatch(/"type":"Buffer"|householdKey":"/);

    const [exported] = await audits('beneficiary.exported');
    expect(exported.entity_id).toBe(current);
    expect(exported.after).toEqual({
      diagnostics: 1,
      handOuts: 1,
      householdExceptions: 1,
      carnets: 1,
      custodyMovements: 1,
    });
    expect(exported.text).not.toMatch(/Odette|odette@|1948|revenus/);
  });

  it("is refused to another structure's agent (404), a référent (403); erasure to an agent (403)", async () => {
    const hidden = await t.http
      .get(`/api/v1/beneficiaries/${current}/export`)
      .set(lievinAgent.auth)
      .expect(404);
    expect(hidden.body.code).toBe('BENEFICIARY_NOT_FOUND');
    await t.http.get(`/api/v1/beneficiaries/${current}/export`).set(referent.auth).expect(403);
    await t.http
      .get(`/api/v1/beneficiaries/${current}/orientation`)
      .set(lievinAgent.auth)
      .expect(404);
    await t.http
      .post(`/api/v1/beneficiaries/${current}/erase`)
      .set(lensAgent.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(403);
    await t.http
      .post(`/api/v1/beneficiaries/${current}/erase`)
      .set(referent.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(403);
    expect((await row(current)).first_name).toBe('Odette');
  });

  it('purges nothing before the retention period is over', async () => {
    const before = await row(oldWithBirthYear);
    // Retention of the old programme ends on 2025-07-01 (24 months after 2023-07-01).
    const result = await t.app.get(PrivacyService).purgeExpired('2025-06-30');
    expect(result).toEqual({ beneficiaries: 0, diagnosticNotes: 0 });
    expect(await row(oldWithBirthYear)).toEqual(before);
    expect(await audits('beneficiaries.purged')).toEqual([]);
  });

  it('purges identifying data past retention through the worker, keeping the aggregates, once', async () => {
    expect(t.app.get(AppConfig).BENEFICIARY_RETENTION_MONTHS).toBe(24);
    const before = await row(oldWithBirthYear);
    const diagnosticsBefore = await diagnosticsOf(oldWithBirthYear);
    const countsBefore = await t.http
      .get(`/api/v1/beneficiaries/counts?programmeId=${oldProgramme}`)
      .set(manager.auth)
      .expect(200);

    // The worker starts only now: the carnets were issued in this process (a worker running
    // then would have written the same run at the same time).
    const workerRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(t.app.get(AppConfig))
      .compile();
    worker = workerRef.createNestApplication();
    await worker.init();
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.beneficiaries.name), { strict: false });
    const events = new QueueEvents(QUEUES.beneficiaries.name, {
      connection: { url: testEnv().redisUrl },
      prefix: t.app.get(AppConfig).QUEUE_PREFIX,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(QUEUES.beneficiaries.jobs.purgeExpired, {});
      expect(await job.waitUntilFinished(events, 20_000)).toEqual({
        beneficiaries: 2,
        diagnosticNotes: 2,
      });
    } finally {
      await events.close();
    }

    const purged = await row(oldWithBirthYear);
    expect(purged).toEqual({
      ...before,
      first_name: null,
      contact: null,
      consent_scope: null,
      consent_at: null,
      consent_recorded_by: null,
      has_key: false,
      birth_year: null,
      // Born 1950, registered this year: the band they were in then.
      age_band: new Date().getFullYear() - 1950 >= 75 ? '75_PLUS' : '60_74',
      purged_at: expect.any(Date),
      erased_at: null,
    });
    expect(await row(oldWithBand)).toMatchObject({ age_band: '45_59', first_name: null });
    expect(await diagnosticsOf(oldWithBirthYear)).toEqual(
      diagnosticsBefore.map((d) => ({ ...d, notes: null })),
    );
    // The current programme's person is untouched.
    expect(await row(current)).toMatchObject({ first_name: 'Odette', has_key: true });

    const counts = await t.http
      .get(`/api/v1/beneficiaries/counts?programmeId=${oldProgramme}`)
      .set(manager.auth)
      .expect(200);
    expect(counts.body).toEqual(countsBefore.body);

    const shown = await t.http
      .get(`/api/v1/beneficiaries/${oldWithBirthYear}`)
      .set(manager.auth)
      .expect(200);
    expect(shown.body).toMatchObject({ firstName: null, contact: null, birthYear: null });
    expect(shown.body.purgedAt).toEqual(expect.any(String));
    const closed = await t.http
      .patch(`/api/v1/beneficiaries/${oldWithBirthYear}`)
      .set(manager.auth)
      .send({ firstName: 'Josiane' })
      .expect(409);
    expect(closed.body.code).toBe('BENEFICIARY_ANONYMISED');

    const [entry] = await audits('beneficiaries.purged');
    expect(entry.after).toMatchObject({
      retentionMonths: 24,
      beneficiaries: 2,
      diagnosticNotes: 2,
      programmes: [{ programmeId: oldProgramme, retentionEndedOn: '2025-07-01', beneficiaries: 2 }],
    });
    expect(entry.text).not.toMatch(/Josiane|Marcel|06 12|1950|revenus/);

    // Idempotent: nothing left to purge, no new entry.
    expect(await t.app.get(PrivacyService).purgeExpired()).toEqual({
      beneficiaries: 0,
      diagnosticNotes: 0,
    });
    expect(await audits('beneficiaries.purged')).toHaveLength(1);
  });

  it('erases a person at once on request, keeping carnet and cheques; twice is 409', async () => {
    expect(await householdCopies(current)).toMatchObject({ handOutKeys: 1, exceptionKeys: 1 });
    await t.http
      .post(`/api/v1/beneficiaries/${current}/erase`)
      .set(manager.auth)
      .send({})
      .expect(400);
    const erased = await t.http
      .post(`/api/v1/beneficiaries/${current}/erase`)
      .set(manager.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(200);
    expect(erased.body).toMatchObject({
      id: current,
      firstName: null,
      contact: null,
      consentScope: null,
      consentAt: null,
      consentRecordedBy: null,
      birthYear: null,
      ageBand: expect.any(String),
      inseeCode: LENS,
      situation: 'RETRAITE',
    });
    expect(erased.body.erasedAt).toEqual(expect.any(String));
    expect(erased.body.purgedAt).toBe(erased.body.erasedAt);
    expect(await row(current)).toMatchObject({ has_key: false });
    // The keyed hash stays on the ACTIVE hand-out while the programme runs (it keeps the
    // household within its carnets); the permission's copy and text go.
    expect(await householdCopies(current)).toEqual({
      handOutKeys: 1,
      exceptionKeys: 0,
      texts: ['Justification effacée avec les données de la personne.'],
    });
    expect((await diagnosticsOf(current))[0]).toMatchObject({ notes: null, autonomy: 2 });

    // The carnet and its cheques stay with the now-anonymous record.
    const [kept] = await t.dataSource.query<{ beneficiary: string; cheques: number }[]>(
      `SELECT h.beneficiary_id AS beneficiary,
              (SELECT count(*)::int FROM cheque WHERE carnet_id = c.id) AS cheques
       FROM carnet c JOIN custody_holder h ON h.id = c.holder_id WHERE c.id = $1`,
      [carnet.id],
    );
    expect(kept).toEqual({ beneficiary: current, cheques: 10 });
    const exported = await t.http
      .get(`/api/v1/beneficiaries/${current}/export`)
      .set(manager.auth)
      .expect(200);
    expect(exported.body.householdKey.held).toBe(false);
    expect(exported.body.consent).toBeNull();
    expect(exported.body.carnets).toHaveLength(1);
    expect(JSON.stringify(exported.body)).not.toMatch(/Odette|odette@|1948|revenus|colocation/);
    expect(exported.body.handOuts).toHaveLength(1);

    const again = await t.http
      .post(`/api/v1/beneficiaries/${current}/erase`)
      .set(manager.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(409);
    expect(again.body.code).toBe('BENEFICIARY_ALREADY_ERASED');
    const diagnosis = await t.http
      .post(`/api/v1/beneficiaries/${current}/diagnostics`)
      .set(manager.auth)
      .send({ services: [], procedures: ['CAF'], autonomy: 1, equipment: [], notes: 'Nouveau' })
      .expect(409);
    expect(diagnosis.body.code).toBe('BENEFICIARY_ANONYMISED');

    const entries = await audits('beneficiary.erased');
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toMatchObject({
      alreadyPurged: false,
      diagnosticNotes: 1,
      reason: 'PERSON_REQUEST',
    });
    expect(entries[0].text).not.toMatch(/Odette|odette@|1948|revenus/);

    // An erased record is purged already: the retention purge leaves it alone.
    expect(await t.app.get(PrivacyService).purgeExpired('2099-01-01')).toEqual({
      beneficiaries: 0,
      diagnosticNotes: 0,
    });
  });
});
