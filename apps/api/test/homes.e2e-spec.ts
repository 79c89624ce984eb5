import { todayInParis } from '@carnet/domain';
import { AllocationsService } from '#src/communes/allocations.service.js';
import { EnrolmentsService } from '#src/communes/enrolments.service.js';
import { TrainingsService } from '#src/prescribers/trainings.service.js';
import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  createProgramme,
  importCommunes,
  issueCarnets,
  LENS,
  LIEVIN,
  principalOf,
  signedInAgent,
  TEST_PASSWORD,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const AVION = '62065';

const ADDRESS = '12 rue Émile Basly, 62300 Lens';

/**
 * The homes' figures: a structure's (GET /prescribers/{id}/summary) and a commune's
 * (GET /communes/{inseeCode}/summary), after transfers, hand-outs and hand-backs in the ledger.
 */
describe('homes of agents and référents (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let lensReferent: Session;
  let lievinReferent: Session;
  let agent: Session;
  let otherAgent: Session;
  let programmeId: string;
  let ccas: string;
  let jaures: string;
  let lievinStructure: string;
  let firstSerial: number;

  const agentOf = (prescriberId: string, email: string, name: string) =>
    signedInAgent(t, manager, prescriberId, email, name);

  const transfer = (session: Session, from: number, to: number, target: object) =>
    t.http
      .post('/api/v1/carnets/transfers')
      .set(session.auth)
      .send({ serialFrom: firstSerial + from, serialTo: firstSerial + to, to: target })
      .expect(201);

  const holderOf = async (prescriberId: string) => {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM custody_holder WHERE programme_id = $1 AND kind = 'PRESCRIBER' AND prescriber_id = $2`,
      [programmeId, prescriberId],
    );
    return row.id;
  };

  /** A person registered and diagnosed by the CCAS's agent (counts as registered this month). */
  const registered = async (n: number) => {
    const person = await t.http
      .post('/api/v1/beneficiaries')
      .set(agent.auth)
      .send({
        programmeId,
        inseeCode: LENS,
        ageBand: '60_74',
        situation: 'RETRAITE',
        address: `${n} rue de la Paix, 62300 Lens`,
      })
      .expect(201);
    const diagnostic = await t.http
      .post(`/api/v1/beneficiaries/${person.body.id}/diagnostics`)
      .set(agent.auth)
      .send({ services: [], procedures: ['CAF'], autonomy: 2, equipment: [] })
      .expect(201);
    return { id: person.body.id as string, diagnosticId: diagnostic.body.id as string };
  };

  /** A carnet of the CCAS's stock handed out by its agent, through the hand-out route. */
  const handOut = async (n: number) => {
    const person = await registered(n);
    const given = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets`)
      .set(agent.auth)
      .set('Idempotency-Key', `home-${n}`)
      .send({ carnetSerial: String(await lowestSerialOf(ccas)), diagnosticId: person.diagnosticId })
      .expect(201);
    return { beneficiaryId: person.id, carnetId: given.body.carnetId as string };
  };

  const lowestSerialOf = async (prescriberId: string) => {
    const [carnet] = await t.dataSource.query<{ serial: number }[]>(
      `SELECT serial::int AS serial FROM carnet WHERE holder_id = $1 ORDER BY serial LIMIT 1`,
      [await holderOf(prescriberId)],
    );
    return carnet.serial;
  };

  /**
   * A hand-out made last month: the ledger is append-only, so this one is written in SQL as the
   * hand-out writes it (a HAND_OUT row to the beneficiary's custody row), dated `LAST_MONTH`, for
   * a person registered last month.
   */
  const handOutLastMonth = async () => {
    const person = await registered(99);
    await t.dataSource.query(`UPDATE beneficiary SET created_at = ${LAST_MONTH} WHERE id = $1`, [
      person.id,
    ]);
    const holder = await holderOf(ccas);
    const [carnet] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM carnet WHERE holder_id = $1 ORDER BY serial LIMIT 1`,
      [holder],
    );
    const [beneficiary] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO custody_holder (programme_id, kind, beneficiary_id, prescriber_id)
       VALUES ($1, 'BENEFICIARY', $2, $3) RETURNING id`,
      [programmeId, person.id, ccas],
    );
    await t.dataSource.query(
      `WITH moved AS (UPDATE carnet SET holder_id = $2 WHERE id = $1 RETURNING id)
       INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_label, created_at)
       SELECT gen_random_uuid(), $3, id, 'HAND_OUT', $4, $2, 'test', ${LAST_MONTH} FROM moved`,
      [carnet.id, beneficiary.id, programmeId, holder],
    );
  };

  /** The last instant of the previous month in France. */
  const LAST_MONTH = `(date_trunc('month', now() AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris' - interval '1 second')`;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    manager = await login(t.http, 'manager@demo.carnet.fr');
    lensReferent = await login(t.http, 'commune@demo.carnet.fr');
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'referent.lievin@example.org',
        displayName: 'Référent Liévin',
        password: TEST_PASSWORD,
        role: 'COMMUNE_REFERENT',
        organisationId: await communeOrganisationId(t, LIEVIN),
      })
      .expect(201);
    lievinReferent = await login(t.http, 'referent.lievin@example.org', TEST_PASSWORD);

    programmeId = (
      await createProgramme(t, {
        enrol: [LENS, LIEVIN],
        programme: { requireTrainedAgent: true, eligibleSituations: ['RETRAITE'] },
      })
    ).id;
    const actor = await principalOf(t, 'manager@demo.carnet.fr');
    await t.app
      .get(AllocationsService)
      .allocate(
        actor,
        programmeId,
        { totalCarnets: 200, fixedPerCommune: 100, weights: {} },
        false,
      );
    firstSerial = (await issueCarnets(t, programmeId, 20)).firstSerial;

    ccas = (await createPrescriber(t, { name: 'CCAS de Lens', type: 'CCAS' })).id;
    jaures = (await createPrescriber(t, { name: 'Centre social Jean Jaurès' })).id;
    lievinStructure = (
      await createPrescriber(t, {
        name: 'CCAS de Liévin',
        type: 'CCAS',
        inseeCode: LIEVIN,
        servedInseeCodes: [LENS],
      })
    ).id;
    agent = await agentOf(ccas, 'agent.ccas@example.org', 'Nadia Benali');
    otherAgent = await agentOf(jaures, 'agent.jaures@example.org', 'Chantal Duhamel');
    const gone = await agentOf(jaures, 'agent.parti@example.org', 'Agent Parti');
    const goneId = (await t.http.get('/api/v1/auth/me').set(gone.auth).expect(200)).body.id;
    await t.http
      .post(`/api/v1/prescribers/${jaures}/agents/${goneId}/disable`)
      .set(manager.auth)
      .expect(200);
    const agentId = (await t.http.get('/api/v1/auth/me').set(agent.auth).expect(200)).body.id;
    await t.app.get(TrainingsService).create(actor, {
      date: todayInParis(),
      trainerName: 'Hub numérique des Hauts-de-France',
      topics: ['DIAGNOSTIC'],
      attendeeIds: [agentId],
    });

    // Programme → Lens 10 (serials 0-9) and Liévin 4 (10-13); Lens → CCAS 6, → Jean Jaurès 2.
    await transfer(manager, 0, 9, { kind: 'COMMUNE', inseeCode: LENS });
    await transfer(manager, 10, 13, { kind: 'COMMUNE', inseeCode: LIEVIN });
    await transfer(lensReferent, 0, 5, { kind: 'PRESCRIBER', prescriberId: ccas });
    await transfer(lensReferent, 6, 7, { kind: 'PRESCRIBER', prescriberId: jaures });
    await transfer(lievinReferent, 10, 10, { kind: 'PRESCRIBER', prescriberId: lievinStructure });

    // The CCAS hands out one carnet last month and three this month, one of which it undoes.
    await handOutLastMonth();
    await handOut(1);
    await handOut(2);
    const undone = await handOut(3);
    await t.http
      .post(`/api/v1/beneficiaries/${undone.beneficiaryId}/carnets/${undone.carnetId}/undo`)
      .set(agent.auth)
      .expect(200);

    // Two people registered by the CCAS: one this month, one last month.
    for (const firstName of ['Josiane', 'Marcel']) {
      await t.http
        .post('/api/v1/beneficiaries')
        .set(agent.auth)
        .send({
          programmeId,
          inseeCode: LENS,
          ageBand: '60_74',
          situation: 'RETRAITE',
          firstName,
          address: `${firstName} ${ADDRESS}`,
        })
        .expect(201);
    }
    await t.dataSource.query(
      `UPDATE beneficiary SET created_at = ${LAST_MONTH} WHERE first_name = 'Marcel'`,
    );
  });

  afterAll(async () => {
    await t.close();
  });

  describe('a structure', () => {
    it("gives its agent the stock, this month's net hand-outs and registrations, and its training", async () => {
      const summary = await t.http
        .get(`/api/v1/prescribers/${ccas}/summary`)
        .set(agent.auth)
        .expect(200);
      expect(summary.body).toEqual({
        prescriberId: ccas,
        name: 'CCAS de Lens',
        inseeCode: LENS,
        communeName: 'Lens',
        month: todayInParis().slice(0, 7),
        agentTrained: true,
        programmes: [
          {
            programmeId,
            programmeName: 'Pass numérique Lens-Liévin 2026-2027',
            status: 'ACTIVE',
            requireTrainedAgent: true,
            // 6 received, 4 handed out, 1 handed back.
            carnets: 3,
            handedOut: 3,
            // 3 this month less the one undone; last month's does not count.
            handedOutThisMonth: 2,
            // Josiane, and the three who received a carnet this month (one undone).
            beneficiariesThisMonth: 4,
          },
        ],
        totals: { carnets: 3, handedOutThisMonth: 2, beneficiariesThisMonth: 4 },
      });
    });

    it('tells an untrained agent so, and lists a programme it may hand out for before any carnet', async () => {
      const jauresSummary = await t.http
        .get(`/api/v1/prescribers/${jaures}/summary`)
        .set(otherAgent.auth)
        .expect(200);
      expect(jauresSummary.body).toMatchObject({
        agentTrained: false,
        programmes: [{ programmeId, carnets: 2, handedOutThisMonth: 0, beneficiariesThisMonth: 0 }],
        totals: { carnets: 2, handedOutThisMonth: 0, beneficiariesThisMonth: 0 },
      });
      const empty = await createPrescriber(t, {
        name: 'Médiathèque Louis Aragon',
        type: 'BIBLIOTHEQUE',
        inseeCode: LIEVIN,
      });
      const fresh = await t.http
        .get(`/api/v1/prescribers/${empty.id}/summary`)
        .set(manager.auth)
        .expect(200);
      expect(fresh.body).toMatchObject({
        agentTrained: null,
        programmes: [{ programmeId, carnets: 0, handedOut: 0, handedOutThisMonth: 0 }],
      });
      // A structure of a commune outside the programme takes no part in it, whichever communes
      // it serves.
      const outside = await createPrescriber(t, {
        name: 'Association de Grenay',
        type: 'ASSOCIATION',
        inseeCode: '62291',
        servedInseeCodes: [LENS],
      });
      const none = await t.http
        .get(`/api/v1/prescribers/${outside.id}/summary`)
        .set(manager.auth)
        .expect(200);
      expect(none.body.programmes).toEqual([]);
    });

    it("is its own commune's référents' and the programme team's to read, a 404 for anyone else", async () => {
      const byReferent = await t.http
        .get(`/api/v1/prescribers/${ccas}/summary`)
        .set(lensReferent.auth)
        .expect(200);
      expect(byReferent.body).toMatchObject({ agentTrained: null, totals: { carnets: 3 } });
      await t.http.get(`/api/v1/prescribers/${ccas}/summary`).set(manager.auth).expect(200);
      // Another structure's agent; the référent of another commune; the référent of a commune the
      // structure merely serves (its stock is its own commune's business).
      for (const [session, id] of [
        [otherAgent, ccas],
        [lievinReferent, ccas],
        [lensReferent, lievinStructure],
      ] as const) {
        const refused = await t.http
          .get(`/api/v1/prescribers/${id}/summary`)
          .set(session.auth)
          .expect(404);
        expect(refused.body.code).toBe('PRESCRIBER_NOT_FOUND');
      }
    });
  });

  describe('a commune', () => {
    it('gives its référent its stock, its structures and their month, and its untrained agents', async () => {
      const summary = await t.http
        .get(`/api/v1/communes/${LENS}/summary`)
        .set(lensReferent.auth)
        .expect(200);
      expect(summary.body).toMatchObject({
        inseeCode: LENS,
        name: 'Lens',
        month: todayInParis().slice(0, 7),
        programmes: [
          {
            programmeId,
            requireTrainedAgent: true,
            carnets: 2,
            received: 10,
            allocationLimit: expect.any(Number),
            structuresCarnets: 5,
            handedOutThisMonth: 2,
          },
        ],
        totals: { carnets: 2, structuresCarnets: 5, handedOutThisMonth: 2 },
        untrainedAgentCount: 1,
        untrainedAgents: [
          {
            userId: expect.any(String),
            displayName: 'Chantal Duhamel',
            prescriberId: jaures,
            prescriberName: 'Centre social Jean Jaurès',
          },
        ],
      });
      // Its own structures only, by name: not Liévin's CCAS, which serves Lens from Liévin's stock.
      const structures = summary.body.structures as { name: string }[];
      expect(structures.map((s) => s.name)).toEqual(['CCAS de Lens', 'Centre social Jean Jaurès']);
      expect(summary.body.structureCount).toBe(2);
      expect(summary.body.structures[0]).toEqual({
        prescriberId: ccas,
        name: 'CCAS de Lens',
        type: 'CCAS',
        carnets: 3,
        handedOutThisMonth: 2,
        agents: 1,
        untrainedAgents: 0,
      });
      expect(summary.body.structures[1]).toMatchObject({
        carnets: 2,
        handedOutThisMonth: 0,
        agents: 1,
        untrainedAgents: 1,
      });
      const [ledger] = await t.dataSource.query<{ carnets: number }[]>(
        `SELECT count(*)::int AS carnets FROM carnet c JOIN custody_holder h ON h.id = c.holder_id
         WHERE h.kind = 'PRESCRIBER' AND h.prescriber_id = ANY($1::uuid[])`,
        [[ccas, jaures]],
      );
      expect(ledger.carnets).toBe(summary.body.totals.structuresCarnets);
    });

    it("is another commune's référent's 404, and no agent's to read", async () => {
      const refused = await t.http
        .get(`/api/v1/communes/${LENS}/summary`)
        .set(lievinReferent.auth)
        .expect(404);
      expect(refused.body.code).toBe('COMMUNE_NOT_FOUND');
      await t.http.get(`/api/v1/communes/${LENS}/summary`).set(agent.auth).expect(403);
      const lievin = await t.http
        .get(`/api/v1/communes/${LIEVIN}/summary`)
        .set(lievinReferent.auth)
        .expect(200);
      expect(lievin.body).toMatchObject({
        totals: { carnets: 3, structuresCarnets: 1, handedOutThisMonth: 0 },
        structures: [
          { name: 'CCAS de Liévin', carnets: 1 },
          { name: 'Médiathèque Louis Aragon', carnets: 0, agents: 0 },
        ],
        untrainedAgentCount: 0,
      });
      const byManager = await t.http
        .get(`/api/v1/communes/${LENS}/summary`)
        .set(manager.auth)
        .expect(200);
      expect(byManager.body.totals).toEqual({
        carnets: 2,
        structuresCarnets: 5,
        handedOutThisMonth: 2,
      });
    });

    it('lists a programme a commune is enrolled in before it holds any carnet', async () => {
      const before = await t.http
        .get(`/api/v1/communes/${AVION}/summary`)
        .set(manager.auth)
        .expect(200);
      expect(before.body).toMatchObject({ programmes: [], structures: [], untrainedAgents: [] });
      await t.app
        .get(EnrolmentsService)
        .enrol(await principalOf(t, 'manager@demo.carnet.fr'), programmeId, {
          inseeCode: AVION,
          deliberationDate: '2025-11-18',
          deliberationReference: 'DEL-2025-AVION',
          conventionSignedOn: '2025-12-02',
        });
      const after = await t.http
        .get(`/api/v1/communes/${AVION}/summary`)
        .set(manager.auth)
        .expect(200);
      expect(after.body.programmes).toEqual([
        expect.objectContaining({
          programmeId,
          carnets: 0,
          received: 0,
          structuresCarnets: 0,
          handedOutThisMonth: 0,
        }),
      ]);
    });
  });

  describe('served communes', () => {
    it('names them on the structure, and lets a référent pick any imported commune', async () => {
      const structure = await t.http
        .get(`/api/v1/prescribers/${lievinStructure}`)
        .set(lievinReferent.auth)
        .expect(200);
      expect(structure.body).toMatchObject({
        servedInseeCodes: [LENS],
        servedCommunes: [{ inseeCode: LENS, name: 'Lens' }],
      });
      // /communes holds its own commune only; the directory every imported one.
      const own = await t.http
        .get('/api/v1/communes?filter[q]=Avion')
        .set(lievinReferent.auth)
        .expect(200);
      expect(own.body.data).toEqual([]);
      const directory = await t.http
        .get('/api/v1/communes/directory?filter[q]=Avion')
        .set(lievinReferent.auth)
        .expect(200);
      expect(directory.body).toEqual({
        data: [{ inseeCode: AVION, name: 'Avion', postalCodes: ['62210'], departement: '62' }],
        meta: { page: 1, pageSize: expect.any(Number), total: 1 },
      });
      const edited = await t.http
        .patch(`/api/v1/prescribers/${lievinStructure}`)
        .set(lievinReferent.auth)
        .send({ servedInseeCodes: [AVION, LENS] })
        .expect(200);
      expect(edited.body.servedCommunes).toEqual([
        { inseeCode: AVION, name: 'Avion' },
        { inseeCode: LENS, name: 'Lens' },
      ]);
      await t.http.get('/api/v1/communes/directory').set(agent.auth).expect(403);
    });
  });
});
