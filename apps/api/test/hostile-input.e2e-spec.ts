import { createProgramme, issueCarnets } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * The bad inputs an outside fuzzer turned into 500s, one by one: each must be a 4xx
 * problem+json naming what is wrong, and change nothing. The generated fuzz test
 * (fuzz.e2e-spec.ts) covers every operation; this file pins the causes.
 */
describe('Hostile input (e2e)', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let programmeId: string;
  let carnetId: string;
  let venueId: string;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await issueCarnets(t, (await createProgramme(t)).id, 1);
    admin = await login(t.http, 'admin@demo.carnet.fr');
    manager = await login(t.http, 'manager@demo.carnet.fr');
    const programmes = await t.http.get('/api/v1/programmes').set(manager.auth).expect(200);
    programmeId = programmes.body.data[0].id;
    const carnets = await t.http.get('/api/v1/carnets?pageSize=1').set(manager.auth).expect(200);
    carnetId = carnets.body.data[0].id;
    const venues = await t.http.get('/api/v1/venues?pageSize=1').set(manager.auth).expect(200);
    venueId = venues.body.data[0].id;
  });

  afterAll(async () => {
    await t.close();
  });

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: { code?: unknown } },
    status: number,
  ): void {
    // Status and body together, so that a failure shows what came back.
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining({ code: expect.any(String) }),
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('refuses an explicit null on a required field of a PATCH, naming the field', async () => {
    const cases: [string, Session, Record<string, unknown>][] = [
      [`/api/v1/venues/${venueId}`, manager, { name: null }],
      [`/api/v1/programmes/${programmeId}`, manager, { name: null }],
      [`/api/v1/venues/${venueId}`, manager, { typologies: null }],
    ];
    for (const [path, session, body] of cases) {
      const response = await t.http.patch(path).set(session.auth).send(body);
      expectProblem(response, 400);
      const fields = new Set(response.body.errors.map((e: { field: string }) => e.field));
      expect(fields).toEqual(new Set(Object.keys(body)));
    }
    const users = await t.http.get('/api/v1/users?pageSize=1').set(admin.auth).expect(200);
    for (const body of [{ displayName: null }, { password: null }, { active: null }]) {
      const response = await t.http
        .patch(`/api/v1/users/${users.body.data[0].id}`)
        .set(admin.auth)
        .send(body);
      expectProblem(response, 400);
    }
  });

  it('still lets a nullable field be cleared with null', async () => {
    const response = await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(manager.auth)
      .send({ website: null })
      .expect(200);
    expect(response.body.website).toBeNull();
  });

  it('refuses a NUL byte or a lone surrogate in a body, a query or a path', async () => {
    const nulQuery = await t.http.get('/api/v1/communes?filter[q]=%00').set(manager.auth);
    expectProblem(nulQuery, 400);
    expect(nulQuery.body.errors[0].field).toBe('filter.q');
    expectProblem(await t.http.get('/api/v1/communes/%00').set(manager.auth), 400);
    expectProblem(await t.http.get('/api/v1/communes/%E0%A4%A').set(manager.auth), 400);
    const surrogate = await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(manager.auth)
      .set('Content-Type', 'application/json')
      .send('{"name":"EPN \\ud800"}');
    expectProblem(surrogate, 400);
    expect(surrogate.body.errors[0].field).toBe('name');
    const login = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"\\ud800@demo.carnet.fr","password":"x"}');
    expectProblem(login, 400);
    const nulBody = await t.http
      .post('/api/v1/funders')
      .set(manager.auth)
      .send({ name: 'A\0B', kind: 'STATE' });
    expectProblem(nulBody, 400);
  });

  it('refuses JSON nested 2,000 levels deep on every JSON route, login included', async () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    for (const path of ['/api/v1/auth/login', '/api/v1/funders']) {
      const response = await t.http
        .post(path)
        .set(manager.auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":${deep}}`);
      expectProblem(response, 400);
    }
  });

  it('refuses page numbers and numeric filters out of range, on public lists too', async () => {
    expectProblem(await t.http.get('/api/v1/public/venues?page=99999999999999999999'), 400);
    expectProblem(await t.http.get('/api/v1/users?page=99999999999999999999').set(admin.auth), 400);
    const serial = await t.http
      .get('/api/v1/carnets?filter[serialFrom]=99999999999')
      .set(manager.auth);
    expectProblem(serial, 400);
    expect(serial.body.errors[0].field).toBe('filter.serialFrom');
    expectProblem(await t.http.get('/api/v1/carnets?filter[serialTo]=1e3').set(manager.auth), 400);
    const dashes = await t.http
      .get(`/api/v1/communes?filter[programmeId]=${'-'.repeat(36)}`)
      .set(manager.auth);
    expectProblem(dashes, 400);
  });

  it('refuses an empty or non-JSON body on JSON routes; PATCH with another type is 415', async () => {
    expectProblem(
      await t.http.post(`/api/v1/carnets/${carnetId}/transfers`).set(manager.auth).send({}),
      400,
    );
    const plain = await t.http
      .post(`/api/v1/carnets/${carnetId}/transfers`)
      .set(manager.auth)
      .set('Content-Type', 'text/plain')
      .send('to=62498');
    expectProblem(plain, 415);
    expectProblem(
      await t.http.put(`/api/v1/programmes/${programmeId}/criteria`).set(manager.auth).send({}),
      400,
    );
    const patch = await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .set('Content-Type', 'text/plain')
      .send('name=Autre');
    expectProblem(patch, 415);
    const csvAsJson = await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .set('Content-Type', 'text/csv')
      .send('name\nAutre');
    expectProblem(csvAsJson, 415);
    const unchanged = await t.http.get(`/api/v1/programmes/${programmeId}`).set(manager.auth);
    expect(unchanged.body.name).not.toBe('Autre');
  });

  it('refuses a programme ending before it starts with 422 naming the field', async () => {
    const response = await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .send({ startDate: '2027-06-01', endDate: '2027-01-01' });
    expectProblem(response, 422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('endDate');
  });

  it('refuses days that do not exist, naming the field', async () => {
    for (const day of ['2026-02-30', '0000-01-01', '2026-04-31']) {
      const response = await t.http
        .patch(`/api/v1/programmes/${programmeId}`)
        .set(manager.auth)
        .send({ validityEndDate: day });
      expectProblem(response, 400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'validityEndDate',
      ]);
    }
  });

  it('refuses a malformed JSON body with 400 problem+json', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expectProblem(response, 400);
  });
});
