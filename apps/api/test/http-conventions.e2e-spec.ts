import { freePort } from './ports.js';
import { createAllDemoAccounts } from './factories.js';
import { bootApp, login, type TestApp } from './utils.js';

describe('HTTP conventions (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await createAllDemoAccounts(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers a validation error as problem+json listing every invalid field', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const response = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email: 'not-an-email',
        displayName: 'X',
        password: 'short',
        role: 'KING',
        organisationId: 'nope',
        extra: 1,
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:carnet:problem:validation-failed',
      title: 'Bad Request',
      status: 400,
      code: 'VALIDATION_FAILED',
      instance: '/api/v1/users',
      requestId: response.headers['x-request-id'],
    });
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(
      new Set(['extra', 'email', 'password', 'role', 'organisationId']),
    );
  });

  it('validates list parameters: page size, sort fields, filters', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const tooBig = await t.http.get('/api/v1/users?pageSize=1000').set(admin.auth).expect(400);
    expect(tooBig.body.errors[0].field).toBe('pageSize');
    const badSort = await t.http.get('/api/v1/users?sort=passwordHash').set(admin.auth).expect(400);
    expect(badSort.body.errors).toEqual([
      { field: 'sort', message: expect.stringContaining('passwordHash') },
    ]);
    const badFilter = await t.http
      .get('/api/v1/users?filter[role]=KING')
      .set(admin.auth)
      .expect(400);
    expect(badFilter.body.errors[0].field).toBe('filter.role');
  });

  it('pages lists with data and meta, filtered and sorted', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const response = await t.http
      .get('/api/v1/users?page=2&pageSize=3&sort=-email')
      .set(admin.auth)
      .expect(200);
    expect(response.body.meta).toEqual({ page: 2, pageSize: 3, total: 8 });
    expect(response.body.data).toHaveLength(3);
    const all = await t.http
      .get('/api/v1/users?pageSize=50&sort=-email')
      .set(admin.auth)
      .expect(200);
    expect(response.body.data.map((u: { email: string }) => u.email)).toEqual(
      all.body.data.slice(3, 6).map((u: { email: string }) => u.email),
    );
    const finance = await t.http
      .get('/api/v1/users?filter[role]=FINANCE_OFFICER')
      .set(admin.auth)
      .expect(200);
    expect(finance.body.meta.total).toBe(2);
  });

  it('answers an unknown route and a malformed id with problem+json too', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const missing = await t.http.get('/api/v1/nothing-here').set(admin.auth).expect(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    const malformed = await t.http.get('/api/v1/users/123').set(admin.auth).expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const unknown = await t.http
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
      .set(admin.auth)
      .expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
  });

  it('keeps a sane caller request id and makes one up otherwise', async () => {
    const echoed = await t.http.get('/health/live').set('X-Request-Id', 'abc-123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const fresh = await t.http
      .get('/health/live')
      .set('X-Request-Id', 'bad id with spaces')
      .expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records the request id of the change in the audit log', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const me = await t.http.get('/api/v1/auth/me').set(admin.auth).expect(200);
    await t.http
      .post('/api/v1/organisations')
      .set(admin.auth)
      .set('X-Request-Id', 'req-create-ccas')
      .send({ kind: 'PRESCRIBER', name: 'CCAS de Liévin' })
      .expect(201);
    const audit = await t.http
      .get('/api/v1/audit-events?filter[action]=organisation.created&sort=-id&pageSize=1')
      .set(admin.auth)
      .expect(200);
    expect(audit.body.data[0]).toMatchObject({
      actorType: 'USER',
      actorId: me.body.id,
      actorLabel: 'admin@demo.carnet.fr',
      requestId: 'req-create-ccas',
      after: { kind: 'PRESCRIBER', name: 'CCAS de Liévin' },
    });
  });

  it('sends security headers (helmet)', async () => {
    const response = await t.http.get('/health/live').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const response = await t.http.get('/health/ready').expect(200);
    expect(response.body.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
    });
  });
});

describe('HTTP conventions with other settings (e2e)', () => {
  it('reports not ready, naming Redis, when Redis is down', async () => {
    const closedPort = await freePort();
    const t = await bootApp({
      config: { REDIS_URL: `redis://127.0.0.1:${closedPort}` },
      seed: false,
    });
    try {
      const response = await t.http.get('/health/ready').expect(503);
      expect(response.body.details).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'down' },
      });
      await t.http.get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });

  it('throttles login attempts per IP with 429 TOO_MANY_REQUESTS', async () => {
    const t = await bootApp({ config: { AUTH_THROTTLE_LIMIT: '3' }, seed: false });
    try {
      const attempt = () =>
        t.http.post('/api/v1/auth/login').send({ email: 'x@demo.carnet.fr', password: 'wrong' });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const throttled = await attempt().expect(429);
      expect(throttled.body.code).toBe('TOO_MANY_REQUESTS');
      expect(throttled.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });

  it('lets an allowed origin call the API from a browser and not another one', async () => {
    const t = await bootApp({
      config: { CORS_ORIGINS: 'https://admin.carnet.example' },
      seed: false,
    });
    try {
      const allowed = await t.http
        .get('/health/live')
        .set('Origin', 'https://admin.carnet.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.carnet.example');
      // A browser-based venue software reads a replay and a throttle's wait.
      expect(allowed.headers['access-control-expose-headers']?.split(',')).toEqual(
        expect.arrayContaining(['Idempotent-Replayed', 'Retry-After']),
      );
      const other = await t.http.get('/health/live').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
