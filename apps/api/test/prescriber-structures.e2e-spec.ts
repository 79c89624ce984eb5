import { todayInParis } from '@carnet/domain';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { TrainingsService } from '#src/prescribers/trainings.service.js';
import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  createProgramme,
  importCommunes,
  LENS,
  LIEVIN,
  principalOf,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const AVION = '62065';
const PASSWORD = 'a-long-enough-password';

/** Structures (RNA, served communes), their agents and trainings (issue 11). */
describe('prescriber structures, agents and trainings (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let lensReferent: Session;
  let lievinReferent: Session;
  let avionReferent: Session;
  let lensStructure: string;
  let lievinStructure: string;

  const referentOf = async (inseeCode: string, email: string): Promise<Session> => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email,
        displayName: `Référent ${inseeCode}`,
        password: PASSWORD,
        role: 'COMMUNE_REFERENT',
        organisationId: await communeOrganisationId(t, inseeCode),
      })
      .expect(201);
    return login(t.http, email, PASSWORD);
  };

  const invite = (session: Session, prescriberId: string, email: string, status = 201) =>
    t.http
      .post(`/api/v1/prescribers/${prescriberId}/agents`)
      .set(session.auth)
      .send({ email, displayName: email.split('@')[0], password: PASSWORD })
      .expect(status);

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    manager = await login(t.http, 'manager@demo.carnet.fr');
    lensReferent = await login(t.http, 'commune@demo.carnet.fr');
    lievinReferent = await referentOf(LIEVIN, 'referent.lievin@example.org');
    avionReferent = await referentOf(AVION, 'referent.avion@example.org');
    lensStructure = (await createPrescriber(t, { name: 'Centre social Jean Jaurès' })).id;
    lievinStructure = (
      await createPrescriber(t, { name: 'CCAS de Liévin', type: 'CCAS', inseeCode: LIEVIN })
    ).id;
  });

  afterAll(async () => {
    await t.close();
  });

  describe('structures', () => {
    it('validates the RNA (W + 9 digits) and keeps it unique', async () => {
      const bad = await t.http
        .post('/api/v1/prescribers')
        .set(manager.auth)
        .send({ name: 'Asso', type: 'ASSOCIATION', inseeCode: LENS, rna: 'W12345' })
        .expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'rna' })]);
      const created = await t.http
        .post('/api/v1/prescribers')
        .set(lensReferent.auth)
        .send({ name: 'Lens Numérique', type: 'ASSOCIATION', inseeCode: LENS, rna: 'W623001234' })
        .expect(201);
      expect(created.body).toMatchObject({ rna: 'W623001234', servedInseeCodes: [] });
      const taken = await t.http
        .post('/api/v1/prescribers')
        .set(manager.auth)
        .send({ name: 'Autre asso', type: 'ASSOCIATION', inseeCode: LIEVIN, rna: 'W623001234' })
        .expect(409);
      expect(taken.body).toMatchObject({ code: 'RNA_ALREADY_USED', errors: [{ field: 'rna' }] });
      await t.http
        .patch(`/api/v1/prescribers/${lievinStructure}`)
        .set(manager.auth)
        .send({ rna: 'W623001234' })
        .expect(409);
      // Sending its own RNA back is no change; clearing it frees the number.
      await t.http
        .patch(`/api/v1/prescribers/${created.body.id}`)
        .set(lensReferent.auth)
        .send({ rna: 'W623001234' })
        .expect(200);
      await t.http
        .patch(`/api/v1/prescribers/${created.body.id}`)
        .set(lensReferent.auth)
        .send({ rna: null })
        .expect(200);
      await t.http
        .patch(`/api/v1/prescribers/${lievinStructure}`)
        .set(manager.auth)
        .send({ rna: 'W623001234' })
        .expect(200);
    });

    it('records served communes (existing ones only, its own implied) and audits them', async () => {
      const unknown = await t.http
        .post('/api/v1/prescribers')
        .set(manager.auth)
        .send({ name: 'FS', type: 'FRANCE_SERVICES', inseeCode: LENS, servedInseeCodes: ['99999'] })
        .expect(422);
      expect(unknown.body).toMatchObject({
        code: 'SERVED_COMMUNE_NOT_FOUND',
        errors: [{ field: 'servedInseeCodes[0]' }],
      });
      const created = await t.http
        .post('/api/v1/prescribers')
        .set(lensReferent.auth)
        .send({
          name: 'France Services de Lens',
          type: 'FRANCE_SERVICES',
          inseeCode: LENS,
          servedInseeCodes: [AVION, LENS, '62413'],
        })
        .expect(201);
      expect(created.body.servedInseeCodes).toEqual([AVION, '62413']);
      const audit = await t.http
        .get(`/api/v1/audit-events?filter[entityId]=${created.body.id}`)
        .set(manager.auth)
        .expect(200);
      expect(audit.body.data[0].after).toMatchObject({ servedInseeCodes: [AVION, '62413'] });

      // Avion's référent sees it (read-only); Liévin's does not.
      const seen = await t.http.get('/api/v1/prescribers').set(avionReferent.auth).expect(200);
      expect(seen.body.data.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
      await t.http
        .get(`/api/v1/prescribers/${created.body.id}`)
        .set(avionReferent.auth)
        .expect(200);
      await t.http
        .get(`/api/v1/prescribers/${created.body.id}`)
        .set(lievinReferent.auth)
        .expect(404);
      await t.http
        .patch(`/api/v1/prescribers/${created.body.id}`)
        .set(avionReferent.auth)
        .send({ phone: '03 21 00 00 00' })
        .expect(404);
      await t.http
        .get(`/api/v1/prescribers/${created.body.id}/agents`)
        .set(avionReferent.auth)
        .expect(404);

      const updated = await t.http
        .patch(`/api/v1/prescribers/${created.body.id}`)
        .set(lensReferent.auth)
        .send({ servedInseeCodes: [] })
        .expect(200);
      expect(updated.body.servedInseeCodes).toEqual([]);
      const gone = await t.http.get('/api/v1/prescribers').set(avionReferent.auth).expect(200);
      expect(gone.body.data).toEqual([]);
    });
  });

  describe('agents', () => {
    let agent: Session;
    let agentId: string;

    beforeAll(async () => {
      const invited = await invite(lensReferent, lensStructure, 'agent.jaures@example.org');
      agentId = invited.body.id;
      agent = await login(t.http, 'agent.jaures@example.org', PASSWORD);
    });

    it('lets a référent invite agents of its structures and list them, trained or not', async () => {
      expect((await t.http.get('/api/v1/auth/me').set(agent.auth).expect(200)).body).toMatchObject({
        role: 'PRESCRIBER_AGENT',
      });
      await invite(manager, lensStructure, 'agent2.jaures@example.org');
      const list = await t.http
        .get(`/api/v1/prescribers/${lensStructure}/agents?sort=email`)
        .set(lensReferent.auth)
        .expect(200);
      expect(list.body).toMatchObject({
        data: [
          { email: 'agent.jaures@example.org', active: true, trained: false },
          { email: 'agent2.jaures@example.org', active: true, trained: false },
        ],
        meta: { page: 1, total: 2 },
      });
      const duplicate = await invite(manager, lievinStructure, 'agent.jaures@example.org', 409);
      expect(duplicate.body.code).toBe('EMAIL_ALREADY_USED');
      const weak = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents`)
        .set(manager.auth)
        .send({ email: 'x@example.org', displayName: 'X', password: 'short' })
        .expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    });

    it("answers 404 to another commune's référent and 403 to an agent", async () => {
      await t.http
        .get(`/api/v1/prescribers/${lensStructure}/agents`)
        .set(lievinReferent.auth)
        .expect(404);
      const foreign = await invite(lievinReferent, lensStructure, 'nope@example.org', 404);
      expect(foreign.body.code).toBe('PRESCRIBER_NOT_FOUND');
      await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${agentId}/disable`)
        .set(lievinReferent.auth)
        .expect(404);
      const byAgent = await invite(agent, lensStructure, 'friend@example.org', 403);
      expect(byAgent.body.code).toBe('FORBIDDEN');
      await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${agentId}/disable`)
        .set(agent.auth)
        .expect(403);
    });

    it('refuses to disable someone who is not an agent of the structure', async () => {
      const me = (await t.http.get('/api/v1/auth/me').set(manager.auth).expect(200)).body;
      const res = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${me.id}/disable`)
        .set(manager.auth)
        .expect(404);
      expect(res.body.code).toBe('AGENT_NOT_FOUND');
      await t.http
        .post(`/api/v1/prescribers/${lievinStructure}/agents/${agentId}/disable`)
        .set(manager.auth)
        .expect(404);
    });

    it('disables an agent (closing its sessions, audited) and enables it again', async () => {
      const disabled = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${agentId}/disable`)
        .set(lensReferent.auth)
        .expect(200);
      expect(disabled.body).toMatchObject({ id: agentId, active: false });
      await t.http.get('/api/v1/auth/me').set(agent.auth).expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'agent.jaures@example.org', password: PASSWORD })
        .expect(401);
      const audit = await t.http
        .get(`/api/v1/audit-events?filter[entityId]=${agentId}`)
        .set(manager.auth)
        .expect(200);
      expect(audit.body.data[0]).toMatchObject({
        action: 'user.updated',
        actorLabel: 'commune@demo.carnet.fr',
        after: { active: false, closedSessions: 1 },
      });
      await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${agentId}/enable`)
        .set(lensReferent.auth)
        .expect(200);
      agent = await login(t.http, 'agent.jaures@example.org', PASSWORD);
    });
  });

  describe('trainings', () => {
    const agents: Record<string, string> = {};

    beforeAll(async () => {
      for (const [key, prescriberId, session] of [
        ['lens1', lensStructure, lensReferent],
        ['lens2', lensStructure, lensReferent],
        ['lievin1', lievinStructure, lievinReferent],
      ] as const) {
        agents[key] = (await invite(session, prescriberId, `${key}@training.example.org`)).body.id;
      }
    });

    const create = (session: Session, body: object, status = 201) =>
      t.http.post('/api/v1/trainings').set(session.auth).send(body).expect(status);

    it('records a training of agents and makes them trained', async () => {
      const training = await create(lensReferent, {
        date: '2026-01-20',
        trainerName: 'Hub numérique',
        topics: ['DIAGNOSTIC', 'PASS_USAGE'],
        attendeeIds: [agents.lens1],
      });
      expect(training.body).toMatchObject({
        date: '2026-01-20',
        topics: ['DIAGNOSTIC', 'PASS_USAGE'],
        attendees: [{ userId: agents.lens1, prescriberId: lensStructure }],
        attendeeCount: 1,
      });
      const list = await t.http
        .get(`/api/v1/prescribers/${lensStructure}/agents?filter[q]=training.example`)
        .set(lensReferent.auth)
        .expect(200);
      const trained = Object.fromEntries(
        list.body.data.map((a: { id: string; trained: boolean }) => [a.id, a.trained]),
      );
      expect(trained).toEqual({ [agents.lens1]: true, [agents.lens2]: false });
    });

    it('refuses a future date, an unknown topic, and attendees who are not its agents', async () => {
      const base = { trainerName: 'X', topics: ['ORIENTATION'], attendeeIds: [agents.lens2] };
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const future = await create(lensReferent, { ...base, date: tomorrow }, 422);
      expect(future.body.code).toBe('TRAINING_DATE_IN_FUTURE');
      await create(lensReferent, { ...base, date: '2026-01-21', topics: ['COOKING'] }, 400);
      const me = (await t.http.get('/api/v1/auth/me').set(manager.auth).expect(200)).body;
      const notAgents = await create(
        lensReferent,
        { ...base, date: '2026-01-21', attendeeIds: [agents.lens2, agents.lievin1, me.id] },
        422,
      );
      expect(notAgents.body).toMatchObject({
        code: 'TRAINING_ATTENDEE_NOT_AGENT',
        errors: [{ field: 'attendeeIds[1]' }, { field: 'attendeeIds[2]' }],
      });
    });

    it('scopes lists to the référent, filters, and keeps hidden attendees on update', async () => {
      const mixed = await create(manager, {
        date: '2026-02-17',
        trainerName: 'Médiathèque',
        topics: ['ORIENTATION'],
        attendeeIds: [agents.lens2, agents.lievin1],
      });
      const lievinOnly = await create(lievinReferent, {
        date: '2026-03-02',
        trainerName: 'CCAS',
        topics: ['DATA_PROTECTION'],
        attendeeIds: [agents.lievin1],
      });
      const ids = async (session: Session, query = '') =>
        (await t.http.get(`/api/v1/trainings${query}`).set(session.auth).expect(200)).body.data.map(
          (tr: { id: string }) => tr.id,
        );
      expect(await ids(manager)).toHaveLength(3);
      expect(await ids(lensReferent)).toHaveLength(2);
      expect(await ids(lievinReferent)).toEqual([lievinOnly.body.id, mixed.body.id]);
      expect(await ids(manager, `?filter[prescriberId]=${lievinStructure}`)).toEqual([
        lievinOnly.body.id,
        mixed.body.id,
      ]);
      expect(await ids(manager, `?filter[agentId]=${agents.lens2}`)).toEqual([mixed.body.id]);
      expect(await ids(manager, '?filter[from]=2026-02-01&filter[to]=2026-02-28')).toEqual([
        mixed.body.id,
      ]);
      const seenByLens = await t.http
        .get(`/api/v1/trainings/${mixed.body.id}`)
        .set(lensReferent.auth)
        .expect(200);
      expect(seenByLens.body).toMatchObject({
        attendees: [{ userId: agents.lens2 }],
        attendeeCount: 2,
      });
      const hidden = await t.http
        .get(`/api/v1/trainings/${lievinOnly.body.id}`)
        .set(lensReferent.auth)
        .expect(404);
      expect(hidden.body.code).toBe('TRAINING_NOT_FOUND');
      await t.http
        .patch(`/api/v1/trainings/${lievinOnly.body.id}`)
        .set(lensReferent.auth)
        .send({ topics: ['DIAGNOSTIC'] })
        .expect(404);

      // Liévin's agent attended too: the date, trainer and topics are the programme team's.
      const shared = await t.http
        .patch(`/api/v1/trainings/${mixed.body.id}`)
        .set(lensReferent.auth)
        .send({ attendeeIds: [agents.lens1], topics: ['ORIENTATION', 'DIGITAL_BASICS'] })
        .expect(403);
      expect(shared.body).toMatchObject({
        code: 'TRAINING_SHARED',
        errors: [{ field: 'topics', message: 'shared with other communes' }],
      });
      const patched = await t.http
        .patch(`/api/v1/trainings/${mixed.body.id}`)
        .set(lensReferent.auth)
        // The form sends everything back: the same topics in another order, the same trainer.
        .send({
          attendeeIds: [agents.lens1],
          topics: [...mixed.body.topics].reverse(),
          trainerName: ` ${mixed.body.trainerName} `,
          date: mixed.body.date,
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        attendees: [{ userId: agents.lens1 }],
        attendeeCount: 2,
        topics: mixed.body.topics,
      });
      const full = await t.http
        .get(`/api/v1/trainings/${mixed.body.id}`)
        .set(manager.auth)
        .expect(200);
      expect(full.body.attendees.map((a: { userId: string }) => a.userId).sort()).toEqual(
        [agents.lens1, agents.lievin1].sort(),
      );
      const audit = await t.http
        .get(`/api/v1/audit-events?filter[entityId]=${mixed.body.id}`)
        .set(manager.auth)
        .expect(200);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
        'training.updated',
        'training.created',
      ]);
    });

    it('lets a programme require trained agents at hand-out (assertMayHandOut)', async () => {
      const trainings = t.app.get(TrainingsService);
      const programmes = t.app.get(ProgrammesService);
      const actor = await principalOf(t, 'manager@demo.carnet.fr');
      const lax = await createProgramme(t, { draft: true });
      const strict = await createProgramme(t, {
        draft: true,
        programme: { requireTrainedAgent: true },
      });
      const laxProgramme = await programmes.get(actor, lax.id);
      const strictProgramme = await programmes.get(actor, strict.id);
      expect([laxProgramme.requireTrainedAgent, strictProgramme.requireTrainedAgent]).toEqual([
        false,
        true,
      ]);
      const untrained = { id: agents.lens2 };
      // lens2 left the mixed training above: untrained again.
      await expect(trainings.assertMayHandOut(untrained, laxProgramme)).resolves.toBeUndefined();
      await expect(trainings.assertMayHandOut(untrained, strictProgramme)).rejects.toMatchObject({
        code: 'AGENT_NOT_TRAINED',
      });
      await expect(
        trainings.assertMayHandOut({ id: agents.lens1 }, strictProgramme),
      ).resolves.toBeUndefined();
      // A training counts from its day on (the rule of libs/domain, with "today" given).
      await expect(
        trainings.assertMayHandOut({ id: agents.lens1 }, strictProgramme, undefined, '2026-01-19'),
      ).rejects.toMatchObject({ code: 'AGENT_NOT_TRAINED' });
      expect(todayInParis() >= '2026-01-20').toBe(true);

      const toggled = await t.http
        .patch(`/api/v1/programmes/${lax.id}`)
        .set(manager.auth)
        .send({ requireTrainedAgent: true })
        .expect(200);
      expect(toggled.body.requireTrainedAgent).toBe(true);
    });
  });
});
