import { PasswordHasher } from '#src/auth/password-hasher.js';
import { loadConfig } from '#src/config/app-config.js';
import { DEMO_PASSWORD } from '#src/seed/demo-seed.js';
import { bootApp, TEST_CHEQUE_SECRET, TEST_JWT_SECRET, type TestApp } from './utils.js';

describe('TRUST_PROXY', () => {
  const load = (value: string) =>
    loadConfig({
      DATABASE_URL: 'postgres://carnet:secret@localhost:5432/carnet',
      REDIS_URL: 'redis://localhost:6379',
      JWT_SECRET: TEST_JWT_SECRET,
      CHEQUE_SECRET: TEST_CHEQUE_SECRET,
      HOUSEHOLD_SECRET: TEST_CHEQUE_SECRET.replace('cheque', 'household'),
      TRUST_PROXY: value,
    });

  it('takes a hop count or the trusted subnets, and refuses true', () => {
    expect(load('false').TRUST_PROXY).toBe(false);
    expect(load('1').TRUST_PROXY).toBe(1);
    expect(load('loopback, uniquelocal, 10.0.0.0/8').TRUST_PROXY).toEqual([
      'loopback',
      'uniquelocal',
      '10.0.0.0/8',
    ]);
    expect(() => load('true')).toThrow(/TRUST_PROXY.*`true` is refused/);
    expect(() => load('everyone')).toThrow(/TRUST_PROXY/);
  });
});

/**
 * Sign-in abuse with the production limits (the other tests raise AUTH_THROTTLE_LIMIT), behind one
 * trusted proxy (TRUST_PROXY=1) so that each request can come from its own address: the right-most
 * X-Forwarded-For entry, the one our nginx writes.
 */
describe('auth throttling (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({
      // '' leaves the default of AppConfig.
      config: { AUTH_THROTTLE_LIMIT: '', TRUST_PROXY: '1' },
      seed: 'accounts',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const loginFrom = (ip: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('slows down password guessing on one account from one address, and records it', async () => {
    for (let i = 1; i <= 5; i++) {
      const wrong = await loginFrom('203.0.113.5', 'Venue@demo.carnet.fr', `guess-${i}`);
      expect(wrong.status).toBe(401);
    }
    // Even the right password, from that address, must now wait.
    const locked = await loginFrom('203.0.113.5', 'venue@demo.carnet.fr', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const wait = Number(locked.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);

    const events = await t.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_event WHERE action = 'auth.login-locked'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({
      attempts: 5,
      waitSeconds: 2,
      scope: 'client',
      ip: '203.0.113.5',
    });
    expect(JSON.stringify(events)).not.toMatch(/guess|demo-carnet/);

    // The guesser's address waits, not the owner's: they sign in from elsewhere meanwhile.
    await loginFrom('203.0.113.99', 'venue@demo.carnet.fr', DEMO_PASSWORD).expect(200);

    // Once the wait is over the guesser's address gets an answer again, and a success resets it.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    await loginFrom('203.0.113.5', 'venue@demo.carnet.fr', DEMO_PASSWORD).expect(200);
    for (let i = 1; i <= 4; i++) {
      await loginFrom('203.0.113.5', 'venue@demo.carnet.fr', 'wrong').expect(401);
    }
  });

  it('caps guessing spread over many addresses, except from where the owner signed in', async () => {
    // The first sign-in from an address is counted (it was not known yet): 1 + 49 = 50.
    await loginFrom('198.51.100.20', 'manager@demo.carnet.fr', DEMO_PASSWORD).expect(200);
    for (let i = 1; i <= 49; i++) {
      await loginFrom(`10.9.0.${i}`, 'manager@demo.carnet.fr', `guess-${i}`).expect(401);
    }
    const locked = await loginFrom('10.9.1.1', 'manager@demo.carnet.fr', DEMO_PASSWORD).expect(429);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    const events = await t.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_event WHERE action = 'auth.login-locked' AND after->>'scope' = 'account'`,
    );
    expect(events).toHaveLength(1);
    // The owner's usual address is not held back by the ceiling.
    await loginFrom('198.51.100.20', 'manager@demo.carnet.fr', DEMO_PASSWORD).expect(200);
  });

  it('answers unknown e-mails alike, so the lock tells nothing about who has an account', async () => {
    for (let i = 1; i <= 5; i++) {
      await loginFrom('203.0.113.7', 'nobody@demo.carnet.fr', 'guess').expect(401);
    }
    const locked = await loginFrom('203.0.113.7', 'nobody@demo.carnet.fr', 'guess').expect(429);
    expect(locked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
  });

  it('lets the agents of one town hall sign in together from its single address', async () => {
    const [{ organisation_id: organisationId }] = await t.dataSource.query<
      { organisation_id: string }[]
    >(`SELECT organisation_id FROM user_account WHERE email = 'manager@demo.carnet.fr'`);
    const hash = await t.app.get(PasswordHasher).hash('agent-password-123');
    const emails = Array.from({ length: 15 }, (_, i) => `agent${i}@mairie.example.fr`);
    for (const email of emails) {
      await t.dataSource.query(
        `INSERT INTO user_account (email, display_name, password_hash, role, organisation_id)
         VALUES ($1, $1, $2, 'PROGRAMME_MANAGER', $3)`,
        [email, hash, organisationId],
      );
    }
    const answers = await Promise.all(
      emails.map((email) => loginFrom('198.51.100.7', email, 'agent-password-123')),
    );
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 200));
  });

  it('throttles logout per IP like login and refresh', async () => {
    const logout = () =>
      t.http
        .post('/api/v1/auth/logout')
        .set('X-Forwarded-For', '192.0.2.50')
        .send({ refreshToken: '00000000-0000-4000-8000-000000000000.unknown-secret' });
    for (let i = 0; i < 60; i++) expect((await logout()).status).toBe(204);
    const throttled = await logout().expect(429);
    expect(throttled.body.code).toBe('TOO_MANY_REQUESTS');
    expect(throttled.headers['retry-after']).toBeDefined();
  });

  it('takes the address from the trusted proxy, so a forged left-most entry does not escape the throttle', async () => {
    const logoutAs = (forwardedFor: string) =>
      t.http
        .post('/api/v1/auth/logout')
        .set('X-Forwarded-For', forwardedFor)
        .send({ refreshToken: '00000000-0000-4000-8000-000000000000.unknown-secret' });
    for (let i = 0; i < 60; i++) {
      const forged = i % 2 === 0 ? '1.2.3.4, 10.0.0.9' : '5.6.7.8, 10.0.0.9';
      expect((await logoutAs(forged)).status).toBe(204);
    }
    await logoutAs('9.9.9.9, 10.0.0.9').expect(429);
    // Another address (as written by the proxy) is counted on its own.
    await logoutAs('1.2.3.4, 10.0.0.10').expect(204);
  });
});

describe('password checks under a burst (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({
      config: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '2' },
      seed: false,
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('checks a bounded number at once and answers 503 AUTH_BUSY with Retry-After beyond', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http.post('/api/v1/auth/login').send({ email: `u${i}@demo.carnet.fr`, password: 'x' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(3);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0].body.code).toBe('AUTH_BUSY');
    expect(busy[0].headers['retry-after']).toBe('1');
  });
});
