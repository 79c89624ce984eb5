import { createAllDemoAccounts } from './factories.js';
import { bootApp, login, type TestApp } from './utils.js';

describe('Bull Board behind the admin authentication (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await createAllDemoAccounts(t);
  });

  afterAll(async () => {
    await t.close();
  });

  function sessionCookie(setCookie: string[] | string | undefined): string {
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const cookie = cookies.find((c) => c.startsWith('carnet_queue_board='));
    if (!cookie) throw new Error(`No board cookie in ${JSON.stringify(cookies)}`);
    return cookie;
  }

  it('is never public: the page and its API answer 401 problem+json without a session', async () => {
    for (const path of [
      '/api/v1/admin/queues',
      '/api/v1/admin/queues/',
      '/api/v1/admin/queues/api/queues',
    ]) {
      const response = await t.http.get(path).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
    const forged = await t.http
      .get('/api/v1/admin/queues/api/queues')
      .set('Cookie', `carnet_queue_board=${'A'.repeat(43)}`)
      .expect(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
  });

  it('gives tickets to administrators only', async () => {
    await t.http.post('/api/v1/queue-board/tickets').expect(401);
    for (const email of ['finance@demo.carnet.fr', 'manager@demo.carnet.fr']) {
      const other = await login(t.http, email);
      const refused = await t.http.post('/api/v1/queue-board/tickets').set(other.auth).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
  });

  it('opens the board for an administrator through a single-use ticket and a path-scoped HttpOnly cookie', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const ticket = await t.http.post('/api/v1/queue-board/tickets').set(admin.auth).expect(201);
    expect(ticket.body.expiresIn).toBe(60);
    expect(ticket.body.url).toMatch(/^\/api\/v1\/admin\/queues\/\?ticket=[A-Za-z0-9_-]{43}$/);

    const opened = await t.http.get(ticket.body.url).expect(303);
    expect(opened.headers.location).toBe('/api/v1/admin/queues/');
    const cookie = sessionCookie(opened.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/admin\/queues/);
    const [session] = cookie.split(';');

    const page = await t.http.get('/api/v1/admin/queues/').set('Cookie', session).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Carnet — files d’attente');

    const queues = await t.http
      .get('/api/v1/admin/queues/api/queues')
      .set('Cookie', session)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['cheques', 'maintenance', 'auth']));

    // Read-only: no job can be changed from the board.
    await t.http
      .put('/api/v1/admin/queues/api/queues/cheques/pause')
      .set('Cookie', session)
      .expect(405);

    const replayed = await t.http.get(ticket.body.url).expect(401);
    expect(replayed.body.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session on the board when its user is no longer an active administrator', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const ticket = await t.http.post('/api/v1/queue-board/tickets').set(admin.auth).expect(201);
    const opened = await t.http.get(ticket.body.url).expect(303);
    const [session] = sessionCookie(opened.headers['set-cookie']).split(';');
    await t.http.get('/api/v1/admin/queues/api/queues').set('Cookie', session).expect(200);
    await t.dataSource.query(`UPDATE user_account SET active = false WHERE email = $1`, [
      'admin@demo.carnet.fr',
    ]);
    try {
      const refused = await t.http
        .get('/api/v1/admin/queues/api/queues')
        .set('Cookie', session)
        .expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
    } finally {
      await t.dataSource.query(`UPDATE user_account SET active = true WHERE email = $1`, [
        'admin@demo.carnet.fr',
      ]);
    }
    // The session is gone for good, even once the account is active again.
    await t.http.get('/api/v1/admin/queues/api/queues').set('Cookie', session).expect(401);
  });
});
