import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  importCommunes,
  LENS,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/** Self-service updates (src/access/self-service.ts) outside venues, and the single owner. */
describe('self-service updates and the programme owner (e2e)', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let referent: Session;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    await createPrescriber(t, { inseeCode: LENS });
    admin = await login(t.http, 'admin@demo.carnet.fr');
    manager = await login(t.http, 'manager@demo.carnet.fr');
    referent = await login(t.http, 'commune@demo.carnet.fr');
  });

  afterAll(async () => {
    await t.close();
  });

  it("lets a référent edit their structures' details, not move one to another commune", async () => {
    const own = await t.http.get('/api/v1/prescribers').set(referent.auth).expect(200);
    const structure = own.body.data.find((p: { inseeCode: string }) => p.inseeCode === '62498');
    expect(structure).toBeDefined();
    await t.http
      .patch(`/api/v1/prescribers/${structure.id}`)
      .set(referent.auth)
      .send({ phone: '03 21 00 00 01', inseeCode: structure.inseeCode })
      .expect(200);
    const moved = await t.http
      .patch(`/api/v1/prescribers/${structure.id}`)
      .set(referent.auth)
      .send({ inseeCode: '62510', phone: '03 21 00 00 02' })
      .expect(403);
    expect(moved.body).toMatchObject({
      code: 'FIELD_NOT_SELF_SERVICE',
      errors: [{ field: 'inseeCode' }],
    });
    const after = await t.http
      .get(`/api/v1/prescribers/${structure.id}`)
      .set(referent.auth)
      .expect(200);
    expect(after.body).toMatchObject({ inseeCode: '62498', phone: '03 21 00 00 01' });
  });

  it('lets an administrator rename themself but not change their own role or active flag', async () => {
    const me = (await t.http.get('/api/v1/auth/me').set(admin.auth).expect(200)).body;
    await t.http
      .patch(`/api/v1/users/${me.id}`)
      .set(admin.auth)
      .send({ displayName: 'Claire D.', role: 'ADMIN', active: true })
      .expect(200);
    for (const change of [{ role: 'FINANCE_OFFICER' }, { active: false }]) {
      const refused = await t.http
        .patch(`/api/v1/users/${me.id}`)
        .set(admin.auth)
        .send({ displayName: 'Claire', ...change })
        .expect(422);
      expect(refused.body.code).toBe('CANNOT_DEMOTE_OR_DISABLE_SELF');
      expect(refused.body.detail).toContain(Object.keys(change)[0]);
    }
    const still = (await t.http.get('/api/v1/auth/me').set(admin.auth).expect(200)).body;
    expect(still).toMatchObject({ role: 'ADMIN', displayName: 'Claire D.' });
  });

  it('refuses a second programme owner organisation (409), other kinds still created', async () => {
    const owners = await t.http
      .get('/api/v1/organisations?filter[kind]=OWNER')
      .set(admin.auth)
      .expect(200);
    expect(owners.body.meta.total).toBe(1);
    const second = await t.http
      .post('/api/v1/organisations')
      .set(admin.auth)
      .send({ kind: 'OWNER', name: 'Agglo bis' })
      .expect(409);
    expect(second.body.code).toBe('OWNER_ORGANISATION_EXISTS');
    await t.http
      .post('/api/v1/organisations')
      .set(admin.auth)
      .send({ kind: 'FUNDER', name: 'Fondation X' })
      .expect(201);
    const after = await t.http
      .get('/api/v1/organisations?filter[kind]=OWNER')
      .set(admin.auth)
      .expect(200);
    expect(after.body.meta.total).toBe(1);
    await t.http
      .post('/api/v1/organisations')
      .set(manager.auth)
      .send({ kind: 'OWNER', name: 'Agglo ter' })
      .expect(403);
  });
});
