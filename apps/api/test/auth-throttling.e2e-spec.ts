import { PasswordHasher } from '#src/auth/password-hasher.js';
import { DEMO_PASSWORD } from '#src/seed/demo-seed.js';
import { bootApp, type TestApp } from './utils.js';

/**
 * Sign-in abuse with the production limits (the other tests raise AUTH_THROTTLE_LIMIT), behind a
 * trusted proxy so that each request can come from its own address (X-Forwarded-For).
 */
describe('auth throttling (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({
      // '' leaves the default of AppConfig.
      config: { AUTH_THROTTLE_LIMIT: '', TRUST_PROXY: 'true' },
      seed: 'accounts',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const loginFrom = (ip: string, email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('slows down password guessing on one account whatever the IPs, and records it', async () => {
    for (let i = 1; i <= 5; i++) {
      const wrong = await loginFrom(`203.0.113.${i}`, 'Venue@demo.carnet.fr', `guess-${i}`);
      expect(wrong.status).toBe(401);
    }
    // Even the right password, from yet another address, must now wait.
    const locked = await loginFrom('203.0.113.99', 'venue@demo.carnet.fr', DEMO_PASSWORD);
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
    expect(events[0].after).toMatchObject({ attempts: 5, waitSeconds: 2, ip: '203.0.113.5' });
    expect(JSON.stringify(events)).not.toMatch(/guess|demo-carnet/);

    // Not locked for ever: once the wait is over the owner gets in, and the count starts again.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    await loginFrom('203.0.113.99', 'venue@demo.carnet.fr', DEMO_PASSWORD).expect(200);
    for (let i = 1; i <= 4; i++) {
      await loginFrom('203.0.113.99', 'venue@demo.carnet.fr', 'wrong').expect(401);
    }
  });

  it('answers unknown e-mails alike, so the lock tells nothing about who has an account', async () => {
    for (let i = 1; i <= 5; i++) {
      await loginFrom(`203.0.113.${i}`, 'nobody@demo.carnet.fr', 'guess').expect(401);
    }
    const locked = await loginFrom('203.0.113.99', 'nobody@demo.carnet.fr', 'guess').expect(429);
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
