import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  createProgramme,
  importCommunes,
  LENS,
  LIEVIN,
  signedInAgent,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const AVION = '62065';
const ADDRESS = '12 bis, Boulevard Émile-Basly 62300 LENS';
const SAME_ADDRESS = '12bis bd Emile Basly, 62300 Lens';
const PAYABLE = 'Aide aux démarches administratives';
const NOT_PAYABLE = 'Acquisition de matériel informatique à prix solidaire';

/** Beneficiaries (minimal, household key, scoping, counts) and their diagnostics (issue 11). */
describe('beneficiaries and diagnostics (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let referent: Session;
  let lensAgent: Session;
  let lievinAgent: Session;
  let programmeId: string;
  let draftProgrammeId: string;

  const agentOf = (prescriberId: string, email: string) =>
    signedInAgent(t, manager, prescriberId, email);

  const person = (overrides: Record<string, unknown> = {}) => ({
    programmeId,
    inseeCode: LENS,
    ageBand: '60_74',
    situation: 'RETRAITE',
    firstName: 'Josiane',
    address: ADDRESS,
    ...overrides,
  });

  const create = (session: Session, body: Record<string, unknown>, status = 201) =>
    t.http.post('/api/v1/beneficiaries').set(session.auth).send(body).expect(status);

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    manager = await login(t.http, 'manager@demo.carnet.fr');
    referent = await login(t.http, 'commune@demo.carnet.fr');
    programmeId = (
      await createProgramme(t, {
        enrol: [LENS, LIEVIN],
        programme: {
          eligibleSituations: ['RETRAITE', 'MINIMA_SOCIAUX', 'AUTRE'],
          payableServices: [PAYABLE],
        },
      })
    ).id;
    draftProgrammeId = (await createProgramme(t, { draft: true })).id;
    const lens = await createPrescriber(t, { name: 'Centre social Jean Jaurès' });
    const lievin = await createPrescriber(t, {
      name: 'CCAS de Liévin',
      type: 'CCAS',
      inseeCode: LIEVIN,
    });
    lensAgent = await agentOf(lens.id, 'agent.lens@example.org');
    lievinAgent = await agentOf(lievin.id, 'agent.lievin@example.org');
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers an eligible person for its structure, with a household key and no address', async () => {
    const created = await create(lensAgent, person());
    expect(created.body).toMatchObject({
      programmeId,
      inseeCode: LENS,
      ageBand: '60_74',
      birthYear: null,
      situation: 'RETRAITE',
      firstName: 'Josiane',
      contact: null,
      consentScope: null,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/basly|householdKey/i);
    const [row] = await t.dataSource.query<{ key: Buffer; text: string }[]>(
      `SELECT household_key AS key, row_to_json(b)::text AS text FROM beneficiary b WHERE id = $1`,
      [created.body.id],
    );
    expect(row.key).toHaveLength(32);
    expect(row.text.toLowerCase()).not.toContain('basly');
  });

  it('refuses a public the programme does not cover, and a structure outside it', async () => {
    const refused = await create(lensAgent, person({ situation: 'SALARIE' }), 422);
    expect(refused.body).toMatchObject({ code: 'BENEFICIARY_NOT_ELIGIBLE' });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'situation' })]);
    const elsewhere = await create(lensAgent, person({ inseeCode: AVION }), 422);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'inseeCode' })]);
    const bothAges = await create(lensAgent, person({ birthYear: 1950 }), 422);
    expect(bothAges.body.code).toBe('BENEFICIARY_NOT_ELIGIBLE');
    const draft = await create(lensAgent, person({ programmeId: draftProgrammeId }), 403);
    expect(draft.body.code).toBe('STRUCTURE_NOT_IN_PROGRAMME');
    const noStructure = await create(manager, person(), 422);
    expect(noStructure.body.code).toBe('BENEFICIARY_STRUCTURE_REQUIRED');
  });

  it('takes part in a programme by its own commune only, not by the communes it says it serves', async () => {
    // Served communes are set by the structure's référents: they never open a programme to it.
    const avion = await createPrescriber(t, {
      name: 'Association Avion Connect',
      inseeCode: AVION,
    });
    await t.http
      .patch(`/api/v1/prescribers/${avion.id}`)
      .set(manager.auth)
      .send({ servedInseeCodes: [LENS] })
      .expect(200);
    const avionAgent = await agentOf(avion.id, 'agent.avion@example.org');
    const refused = await create(avionAgent, person(), 403);
    expect(refused.body.code).toBe('STRUCTURE_NOT_IN_PROGRAMME');
  });

  it("shows an agent the programmes its structure's own commune joined, and no other", async () => {
    const listed = await t.http.get('/api/v1/programmes').set(lensAgent.auth).expect(200);
    expect(listed.body.data.map((p: { id: string }) => p.id)).toEqual([programmeId]);
    expect(listed.body.data[0].payableServices).toEqual([PAYABLE]);
    await t.http.get(`/api/v1/programmes/${programmeId}`).set(lievinAgent.auth).expect(200);
    // The draft programme enrols no commune; another commune's structure sees neither.
    await t.http.get(`/api/v1/programmes/${draftProgrammeId}`).set(lensAgent.auth).expect(404);
    const other = await createProgramme(t, { enrol: [AVION] });
    await t.http.get(`/api/v1/programmes/${other.id}`).set(lensAgent.auth).expect(404);
    // A structure serving Lens from Avion sees Avion's programme only.
    const avion = await createPrescriber(t, { name: 'Avion Services', inseeCode: AVION });
    await t.http
      .patch(`/api/v1/prescribers/${avion.id}`)
      .set(manager.auth)
      .send({ servedInseeCodes: [LENS] })
      .expect(200);
    const avionAgent = await agentOf(avion.id, 'agent.avion-services@example.org');
    const seen = await t.http.get('/api/v1/programmes').set(avionAgent.auth).expect(200);
    expect(seen.body.data.map((p: { id: string }) => p.id)).toEqual([other.id]);
  });

  it('keeps a contact only with a recorded consent', async () => {
    const refused = await create(lensAgent, person({ contact: '06 12 34 56 78' }), 422);
    expect(refused.body.code).toBe('CONTACT_CONSENT_REQUIRED');
    await create(lensAgent, person({ contact: 'not a contact', consentScope: 'FOLLOW_UP' }), 400);
    const me = (await t.http.get('/api/v1/auth/me').set(lensAgent.auth)).body;
    const kept = await create(
      lensAgent,
      person({
        firstName: 'Odette',
        contact: 'odette@example.org',
        consentScope: 'FOLLOW_UP',
        address: '3 rue Jean Jaurès, Lens',
      }),
    );
    expect(kept.body).toMatchObject({
      contact: 'odette@example.org',
      consentScope: 'FOLLOW_UP',
      consentRecordedBy: me.id,
    });
    expect(kept.body.consentAt).toEqual(expect.any(String));
    // The database refuses a contact without consent too.
    await expect(
      t.dataSource.query(
        `UPDATE beneficiary SET consent_scope = NULL, consent_at = NULL, consent_recorded_by = NULL WHERE id = $1`,
        [kept.body.id],
      ),
    ).rejects.toThrow(/CHK_beneficiary_contact_consent/);
    const cleared = await t.http
      .patch(`/api/v1/beneficiaries/${kept.body.id}`)
      .set(lensAgent.auth)
      .send({ contact: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ contact: null, consentScope: null, consentAt: null });
  });

  it('gives one household key for two spellings of one address, found by search', async () => {
    const second = await create(
      lensAgent,
      person({ firstName: 'Marcel', address: SAME_ADDRESS, birthYear: 1950, ageBand: undefined }),
    );
    const keys = await t.dataSource.query<{ key: Buffer }[]>(
      `SELECT DISTINCT household_key AS key FROM beneficiary WHERE first_name IN ('Josiane', 'Marcel')`,
    );
    expect(keys).toHaveLength(1);
    const found = await t.http
      .post('/api/v1/beneficiaries/search')
      .set(lensAgent.auth)
      .send({ address: '12 BIS BD. ÉMILE BASLY — 62300 lens', programmeId })
      .expect(200);
    expect(found.body.data.map((b: { firstName: string }) => b.firstName)).toEqual([
      'Marcel',
      'Josiane',
    ]);
    expect(found.body.data[0].id).toBe(second.body.id);
    // Another structure finds nothing of that household.
    const other = await t.http
      .post('/api/v1/beneficiaries/search')
      .set(lievinAgent.auth)
      .send({ address: ADDRESS })
      .expect(200);
    expect(other.body.data).toEqual([]);
  });

  it('lists its structure’s beneficiaries, recent first, by first-name prefix', async () => {
    const mine = await t.http
      .get(`/api/v1/beneficiaries?filter[programmeId]=${programmeId}&filter[firstName]=jos`)
      .set(lensAgent.auth)
      .expect(200);
    expect(mine.body.data.map((b: { firstName: string }) => b.firstName)).toEqual(['Josiane']);
    const theirs = await t.http.get('/api/v1/beneficiaries').set(lievinAgent.auth).expect(200);
    expect(theirs.body.meta.total).toBe(0);
    const all = await t.http.get('/api/v1/beneficiaries').set(manager.auth).expect(200);
    expect(all.body.meta.total).toBe(3);
  });

  it("answers 404 to another structure's agent, and 403 on people to a référent", async () => {
    const id = (await t.http.get('/api/v1/beneficiaries').set(lensAgent.auth)).body.data[0]
      .id as string;
    await t.http.get(`/api/v1/beneficiaries/${id}`).set(lensAgent.auth).expect(200);
    const hidden = await t.http
      .get(`/api/v1/beneficiaries/${id}`)
      .set(lievinAgent.auth)
      .expect(404);
    expect(hidden.body.code).toBe('BENEFICIARY_NOT_FOUND');
    await t.http
      .patch(`/api/v1/beneficiaries/${id}`)
      .set(lievinAgent.auth)
      .send({ firstName: 'X' })
      .expect(404);
    await t.http.get(`/api/v1/beneficiaries/${id}/diagnostics`).set(lievinAgent.auth).expect(404);
    await t.http.get('/api/v1/beneficiaries').set(referent.auth).expect(403);
    await t.http.get(`/api/v1/beneficiaries/${id}`).set(referent.auth).expect(403);
    await t.http
      .post('/api/v1/beneficiaries/search')
      .set(referent.auth)
      .send({ address: ADDRESS })
      .expect(403);
  });

  it('gives a référent counts per commune of its own, by situation and age band', async () => {
    await create(manager, {
      ...person({ inseeCode: LIEVIN, situation: 'MINIMA_SOCIAUX', ageBand: 'UNDER_26' }),
      prescriberId: (await t.http.get('/api/v1/prescribers?filter[q]=Liévin').set(manager.auth))
        .body.data[0].id,
    });
    const counts = await t.http
      .get(`/api/v1/beneficiaries/counts?programmeId=${programmeId}`)
      .set(referent.auth)
      .expect(200);
    expect(counts.body).toEqual({
      programmeId,
      communes: [
        {
          inseeCode: LENS,
          total: 3,
          bySituation: { RETRAITE: 3 },
          byAgeBand: { '60_74': 2, '75_PLUS': 1 },
        },
      ],
    });
    expect(JSON.stringify(counts.body)).not.toMatch(/Josiane|Marcel/);
    const all = await t.http
      .get(`/api/v1/beneficiaries/counts?programmeId=${programmeId}`)
      .set(manager.auth)
      .expect(200);
    expect(all.body.communes.map((c: { inseeCode: string }) => c.inseeCode)).toEqual([
      LENS,
      LIEVIN,
    ]);
    await t.http
      .get(`/api/v1/beneficiaries/counts?programmeId=${programmeId}`)
      .set(lensAgent.auth)
      .expect(403);
  });

  it('records diagnostics (payable services only) and lists them, recent first', async () => {
    const id = (await t.http.get('/api/v1/beneficiaries').set(lensAgent.auth)).body.data[0]
      .id as string;
    const path = `/api/v1/beneficiaries/${id}/diagnostics`;
    const diagnostic = {
      services: [PAYABLE],
      procedures: ['CAF', 'IMPOTS'],
      autonomy: 2,
      equipment: ['PHONE'],
      notes: 'Souhaite déclarer ses revenus en ligne.',
    };
    const first = await t.http.post(path).set(lensAgent.auth).send(diagnostic).expect(201);
    expect(first.body).toMatchObject({ ...diagnostic, beneficiaryId: id });
    const notPayable = await t.http
      .post(path)
      .set(lensAgent.auth)
      .send({ ...diagnostic, services: [NOT_PAYABLE] })
      .expect(422);
    expect(notPayable.body.code).toBe('DIAGNOSTIC_SERVICE_NOT_PAYABLE');
    await t.http
      .post(path)
      .set(lensAgent.auth)
      .send({ ...diagnostic, autonomy: 5 })
      .expect(400);
    await t.http
      .post(path)
      .set(lensAgent.auth)
      .send({ ...diagnostic, notes: 'x'.repeat(501) })
      .expect(400);
    const second = await t.http
      .post(path)
      .set(manager.auth)
      .send({ ...diagnostic, autonomy: 3, notes: null })
      .expect(201);
    const list = await t.http.get(path).set(lensAgent.auth).expect(200);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([
      second.body.id,
      first.body.id,
    ]);
  });

  it('audits every creation and change without personal data', async () => {
    const rows = await t.dataSource.query<{ action: string; text: string }[]>(
      `SELECT action, concat_ws(' ', before::text, after::text) AS text FROM audit_event
       WHERE action LIKE 'beneficiary.%' OR action LIKE 'diagnostic.%'`,
    );
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(['beneficiary.created', 'beneficiary.updated', 'diagnostic.created']),
    );
    const all = rows.map((r) => r.text).join('\n');
    for (const personal of [
      'Josiane',
      'Marcel',
      'josiane@example.org',
      'asly',
      '1950',
      'revenus',
    ]) {
      expect(all).not.toContain(personal);
    }
    const keys = await t.dataSource.query<{ hex: string }[]>(
      `SELECT encode(household_key, 'hex') AS hex FROM beneficiary`,
    );
    for (const { hex } of keys) expect(all).not.toContain(hex);
  });
});
