import { randomUUID } from 'node:crypto';
import { chequeNumber } from '@carnet/domain';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * Redemption's two throttles (per caller, per IP), counting the cheques presented, refused ones
 * included: a sweep of numbers with wrong codes stops at the limit.
 */
describe('redemption throttling (e2e)', () => {
  let t: TestApp;
  let venue: Session;

  beforeAll(async () => {
    t = await bootApp({
      config: { REDEMPTION_LIMIT_PER_CALLER: '5', REDEMPTION_LIMIT_PER_IP: '8' },
      seed: 'accounts',
    });
    venue = await login(t.http, 'venue@demo.carnet.fr');
  });

  afterAll(async () => {
    await t.close();
  });

  const redeem = (auth: { Authorization: string }, count: number) =>
    t.http
      .post('/api/v1/redemptions')
      .set(auth)
      .set('Idempotency-Key', randomUUID())
      .send({
        venueId: randomUUID(),
        cheques: Array.from({ length: count }, (_, i) => ({
          number: chequeNumber(90_000_000 + i),
          securityCode: 'AAAAABBBBB',
        })),
        service: 'Aide aux démarches administratives',
        serviceDate: '2026-01-05',
        durationMinutes: 60,
      });

  it('limits the cheques presented per caller, then per IP, with Retry-After', async () => {
    // 2 + 2 + 1 cheques: the caller's 5, each refused for its own reason, none throttled.
    for (const count of [2, 2, 1]) {
      const answer = await redeem(venue.auth, count);
      expect(answer.status).not.toBe(429);
    }
    const blocked = await redeem(venue.auth, 1).expect(429);
    expect(blocked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    // An API client of a venue, from the same address: its own allowance is intact, but this IP
    // has presented 6 of its 8 cheques.
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const [own] = await t.dataSource.query<{ organisationId: string }[]>(
      `SELECT organisation_id AS "organisationId" FROM user_account WHERE email = 'venue@demo.carnet.fr'`,
    );
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({
        name: 'Caisse du lieu',
        organisationId: own.organisationId,
        scopes: ['redemptions:write'],
      })
      .expect(201);
    const token = await t.http
      .post('/api/v1/auth/token')
      .send({ clientId: client.body.clientId, clientSecret: client.body.clientSecret })
      .expect(200);
    const software = { Authorization: `Bearer ${token.body.accessToken}` };
    expect((await redeem(software, 2)).status).not.toBe(429);
    const byIp = await redeem(software, 1).expect(429);
    expect(byIp.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
