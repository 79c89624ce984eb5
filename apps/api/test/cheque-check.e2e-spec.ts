import { parse } from 'csv-parse/sync';
import { createProgramme, importCommunes, LIEVIN } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/** The cheque check as venues' third-party frontends use it, and its two throttles. */
describe('cheque check: API clients and throttling (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let venue: Session;
  let cheque: { chequeNumber: string; securityCode: string };

  beforeAll(async () => {
    t = await bootApp({
      worker: true,
      config: { CHEQUE_CHECK_LIMIT_PER_USER: '3', CHEQUE_CHECK_LIMIT_PER_IP: '5' },
      seed: 'accounts',
    });
    await importCommunes(t);
    await createProgramme(t, { enrol: [LIEVIN] });
    manager = await login(t.http, 'manager@demo.carnet.fr');
    venue = await login(t.http, 'venue@demo.carnet.fr');
    const programmes = await t.http.get('/api/v1/programmes').set(manager.auth).expect(200);
    const run = await t.http
      .post(`/api/v1/programmes/${programmes.body.data[0].id}/carnets`)
      .set(manager.auth)
      .send({ count: 1 })
      .expect(202);
    for (let i = 0; i < 100; i++) {
      const r = await t.http.get(`/api/v1/issuances/${run.body.id}`).set(manager.auth).expect(200);
      if (r.body.status === 'DONE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const csv = await t.http
      .get(`/api/v1/issuances/${run.body.id}/files/csv`)
      .set(manager.auth)
      .expect(200);
    cheque = parse<{ chequeNumber: string; securityCode: string }>(csv.text, { columns: true })[0]!;
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers an API client of a venue holding the cheques:check scope', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const organisations = await t.http
      .get('/api/v1/organisations?filter[kind]=VENUE&pageSize=50')
      .set(admin.auth)
      .expect(200);
    const epn = organisations.body.data.find((o: { name: string }) => /Liévin/.test(o.name));
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({ name: 'Agenda des ateliers', organisationId: epn.id, scopes: ['cheques:check'] })
      .expect(201);
    const token = await t.http
      .post('/api/v1/auth/token')
      .send({ clientId: client.body.clientId, clientSecret: client.body.clientSecret })
      .expect(200);
    const checked = await t.http
      .get(`/api/v1/cheques/${cheque.chequeNumber}`)
      .set({ Authorization: `Bearer ${token.body.accessToken}` })
      .set('X-Security-Code', cheque.securityCode)
      .expect(200);
    expect(checked.body).toMatchObject({ number: cheque.chequeNumber, status: 'ISSUED' });
  });

  it('limits checks per caller, then per IP, with Retry-After', async () => {
    const check = (session: Session) =>
      t.http
        .get(`/api/v1/cheques/${cheque.chequeNumber}`)
        .set(session.auth)
        .set('X-Security-Code', cheque.securityCode);
    for (let i = 0; i < 3; i++) await check(venue).expect(200);
    const blocked = await check(venue).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address: its own allowance is intact, but the IP's is spent
    // (the API client above and the four checks of venue@ count 5 for this IP already).
    const sameIp = await check(manager).expect(429);
    expect(sameIp.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
