import { bootApp, login, type Session, type TestApp } from './utils.js';

describe('users and organisations (e2e)', () => {
  let t: TestApp;
  let admin: Session;
  let ownerId: string;
  let venueId: string;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    admin = await login(t.http, 'admin@demo.carnet.fr');
    ownerId = (await t.http.get('/api/v1/auth/me').set(admin.auth)).body.organisationId;
    const venues = await t.http
      .get('/api/v1/organisations')
      .query({ 'filter[kind]': 'VENUE', 'filter[q]': 'Espace public numérique de Liévin' })
      .set(admin.auth);
    venueId = venues.body.data[0].id;
  });

  afterAll(async () => {
    await t.close();
  });

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: 'Agent.Accueil@Lievin.fr',
    displayName: 'Agent accueil',
    password: 'mot-de-passe-solide',
    role: 'VENUE_STAFF',
    organisationId: venueId,
    ...overrides,
  });

  it('creates a user with a lower-cased e-mail, audited without the password hash', async () => {
    const created = await t.http.post('/api/v1/users').set(admin.auth).send(newUser()).expect(201);
    expect(created.body).toMatchObject({
      email: 'agent.accueil@lievin.fr',
      role: 'VENUE_STAFF',
      organisationId: venueId,
      organisationName: 'Espace public numérique de Liévin',
      active: true,
    });
    expect(created.body.passwordHash).toBeUndefined();
    const audit = await t.http
      .get(`/api/v1/audit-events?filter[entityType]=user&filter[entityId]=${created.body.id}`)
      .set(admin.auth)
      .expect(200);
    expect(audit.body.data).toHaveLength(1);
    const me = await t.http.get('/api/v1/auth/me').set(admin.auth).expect(200);
    expect(me.body.displayName).toEqual(expect.any(String));
    expect(audit.body.data[0]).toMatchObject({
      action: 'user.created',
      actorLabel: 'admin@demo.carnet.fr',
      // The person by name, as people read a history.
      actorName: me.body.displayName,
    });
    expect(JSON.stringify(audit.body.data[0])).not.toMatch(/argon2|passwordHash/);
    await login(t.http, 'agent.accueil@lievin.fr', 'mot-de-passe-solide');
  });

  it('refuses a second account with the same e-mail (any case)', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send(newUser({ email: 'AGENT.ACCUEIL@LIEVIN.FR' }))
      .expect(409);
    expect(response.body.code).toBe('EMAIL_ALREADY_USED');
  });

  it('refuses a role that does not exist in the organisation kind', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send(newUser({ email: 'wrong.kind@lievin.fr', role: 'FINANCE_OFFICER' }))
      .expect(422);
    expect(response.body.code).toBe('ROLE_NOT_ALLOWED_IN_ORGANISATION');
    const unknownOrg = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send(
        newUser({
          email: 'no.org@lievin.fr',
          organisationId: '00000000-0000-4000-8000-000000000000',
        }),
      )
      .expect(404);
    expect(unknownOrg.body.code).toBe('ORGANISATION_NOT_FOUND');
  });

  it('updates a user and records before and after', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send(
        newUser({
          email: 'manager2@demo.carnet.fr',
          role: 'PROGRAMME_MANAGER',
          organisationId: ownerId,
        }),
      )
      .expect(201);
    const updated = await t.http
      .patch(`/api/v1/users/${created.body.id}`)
      .set(admin.auth)
      .send({ role: 'FINANCE_OFFICER', displayName: 'Agente financière' })
      .expect(200);
    expect(updated.body).toMatchObject({
      role: 'FINANCE_OFFICER',
      displayName: 'Agente financière',
    });
    const audit = await t.http
      .get(`/api/v1/audit-events?filter[entityId]=${created.body.id}&filter[action]=user.updated`)
      .set(admin.auth)
      .expect(200);
    expect(audit.body.data[0]).toMatchObject({
      before: { role: 'PROGRAMME_MANAGER' },
      after: { role: 'FINANCE_OFFICER', displayName: 'Agente financière' },
    });
  });

  it('does not let an administrator demote or disable themself', async () => {
    const me = await t.http.get('/api/v1/auth/me').set(admin.auth);
    const demote = await t.http
      .patch(`/api/v1/users/${me.body.id}`)
      .set(admin.auth)
      .send({ role: 'PROGRAMME_MANAGER' })
      .expect(422);
    expect(demote.body.code).toBe('CANNOT_DEMOTE_OR_DISABLE_SELF');
    await t.http
      .patch(`/api/v1/users/${me.body.id}`)
      .set(admin.auth)
      .send({ active: false })
      .expect(422);
    await t.http
      .patch(`/api/v1/users/${me.body.id}`)
      .set(admin.auth)
      .send({ displayName: 'Claire D.' })
      .expect(200);
  });

  it('finds users by text, role, organisation and active flag', async () => {
    const byText = await t.http.get('/api/v1/users?filter[q]=lefebvre').set(admin.auth).expect(200);
    expect(byText.body.data.map((u: { email: string }) => u.email)).toEqual([
      'finance@demo.carnet.fr',
    ]);
    const byOrg = await t.http
      .get(`/api/v1/users?filter[organisationId]=${venueId}`)
      .set(admin.auth)
      .expect(200);
    expect(
      byOrg.body.data.every((u: { organisationId: string }) => u.organisationId === venueId),
    ).toBe(true);
    const wildcard = await t.http.get('/api/v1/users?filter[q]=%25').set(admin.auth).expect(200);
    expect(wildcard.body.meta.total).toBe(0);
  });
});
