import { sha256Hex } from '#src/auth/secrets.js';
import { DEMO_PASSWORD } from '#src/seed/demo-seed.js';
import { createAllDemoAccounts } from './factories.js';
import { bootApp, login, type TestApp } from './utils.js';

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await createAllDemoAccounts(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('login', () => {
    it('gives an access token, a refresh token and the lifetime', async () => {
      const response = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'Manager@Demo.Carnet.fr', password: DEMO_PASSWORD })
        .expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        expiresIn: 900,
      });
      const me = await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({
        email: 'manager@demo.carnet.fr',
        role: 'PROGRAMME_MANAGER',
        organisationKind: 'OWNER',
      });
    });

    it('answers a wrong password and an unknown e-mail alike', async () => {
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'manager@demo.carnet.fr', password: 'not-the-password' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@demo.carnet.fr', password: 'not-the-password' })
        .expect(401);
      expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });
  });

  describe('refresh', () => {
    it('rotates: each refresh token works once and gives a new pair', async () => {
      const session = await login(t.http, 'finance@demo.carnet.fr');
      const first = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(session.refreshToken);
      const second = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${second.body.accessToken}`)
        .expect(200);
    });

    /** Moves the rotation of a refresh token back in time, past the reuse grace window. */
    const ageRotation = (refreshToken: string) =>
      t.dataSource.query(
        `UPDATE refresh_token SET used_at = used_at - interval '1 minute' WHERE id = $1`,
        [refreshToken.split('.')[0]],
      );

    it('detects reuse of an old token after the grace window and closes the whole session', async () => {
      const session = await login(t.http, 'finance2@demo.carnet.fr');
      const rotated = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      await ageRotation(session.refreshToken);

      const replay = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');

      // The legitimate holder's newest token is revoked too: the session is over for everyone,
      // access tokens included, at their next request.
      const after = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      expect(after.body.code).toBe('INVALID_REFRESH_TOKEN');
      for (const accessToken of [session.accessToken, rotated.body.accessToken as string]) {
        await t.http
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${accessToken}`)
          .expect(401);
      }

      const events = await t.dataSource.query<unknown[]>(
        `SELECT action FROM audit_event WHERE action = 'auth.refresh-token-reused'`,
      );
      expect(events).toHaveLength(1);
    });

    it('gives the same pair to simultaneous refreshes with the same token', async () => {
      const session = await login(t.http, 'funder@demo.carnet.fr');
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const [first] = answers;
      for (const answer of answers) expect(answer.body).toEqual(first.body);
      expect(first.body.refreshToken).not.toBe(session.refreshToken);
      await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);
      // The session goes on with the new token.
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
    });

    it('answers a double submit within the grace window with the same pair, not a closed session', async () => {
      const session = await login(t.http, 'manager@demo.carnet.fr');
      const first = await t.http
        .post('/api/v1/auth/refresh')
        .set('User-Agent', 'carnet-admin/1.0')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      const again = await t.http
        .post('/api/v1/auth/refresh')
        .set('User-Agent', 'carnet-admin/1.0')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      expect(again.body).toEqual(first.body);
      await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);

      // Every grace answer is audited, with the session but not the client's address.
      const [tokenId] = session.refreshToken.split('.');
      const events = await t.dataSource.query<{ after: Record<string, unknown> }[]>(
        `SELECT after FROM audit_event WHERE action = 'auth.refresh-replayed'
         AND after->>'tokenId' = $1`,
        [tokenId],
      );
      expect(events).toHaveLength(1);
      expect(events[0].after).toEqual({ familyId: expect.any(String), tokenId });
      // Who used the token is kept keyed by the server secret, not as a bare hash of IP and agent.
      const [{ used_by: usedBy }] = await t.dataSource.query<{ used_by: string }[]>(
        `SELECT used_by FROM refresh_token WHERE id = $1`,
        [tokenId],
      );
      for (const ip of ['::ffff:127.0.0.1', '127.0.0.1', '::1']) {
        expect(usedBy).not.toBe(sha256Hex(`${ip}\ncarnet-admin/1.0`));
      }
    });

    it('treats a replay within the grace window from another client as a reuse', async () => {
      const session = await login(t.http, 'admin@demo.carnet.fr');
      const first = await t.http
        .post('/api/v1/auth/refresh')
        .set('User-Agent', 'carnet-admin/1.0')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      const stolen = await t.http
        .post('/api/v1/auth/refresh')
        .set('User-Agent', 'curl/8.0')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(stolen.body.code).toBe('REFRESH_TOKEN_REUSED');
      await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(401);
    });

    it('treats a replay after the successor was used as a reuse, even within the window', async () => {
      const session = await login(t.http, 'venue@demo.carnet.fr');
      const first = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      const replay = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    });

    it('refuses a malformed or forged token', async () => {
      const malformed = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'garbage-token' })
        .expect(401);
      expect(malformed.body.code).toBe('INVALID_REFRESH_TOKEN');
      const session = await login(t.http, 'commune@demo.carnet.fr');
      const [id] = session.refreshToken.split('.');
      const forged = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: `${id}.forged-secret-forged-secret` })
        .expect(401);
      expect(forged.body.code).toBe('INVALID_REFRESH_TOKEN');
    });
  });

  describe('logout', () => {
    it('ends the session: its refresh token no longer works', async () => {
      const session = await login(t.http, 'prescriber@demo.carnet.fr');
      await t.http
        .post('/api/v1/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      const refused = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      expect(refused.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('cannot interleave with a refresh: once both are done, no token of the session works', async () => {
      for (let i = 0; i < 25; i++) {
        const session = await login(t.http, 'funder@demo.carnet.fr');
        const [refreshed] = await Promise.all([
          t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }),
          t.http.post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken }),
        ]);
        expect([200, 401]).toContain(refreshed.status);
        if (refreshed.status !== 200) continue;
        const after = await t.http
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: refreshed.body.refreshToken });
        expect(after.status).toBe(401);
        await t.http
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
          .expect(401);
      }
    });

    it('stops the access token of the session at once, not when it expires', async () => {
      const session = await login(t.http, 'prescriber@demo.carnet.fr');
      const other = await login(t.http, 'prescriber@demo.carnet.fr');
      await t.http.get('/api/v1/auth/me').set(session.auth).expect(200);
      await t.http
        .post('/api/v1/auth/logout')
        .send({ refreshToken: session.refreshToken })
        .expect(204);
      const refused = await t.http.get('/api/v1/auth/me').set(session.auth).expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
      // Only that session: the same person signed in elsewhere stays signed in.
      await t.http.get('/api/v1/auth/me').set(other.auth).expect(200);
    });
  });

  describe('401 and 403', () => {
    it('refuses a call without a token, with a bad token, or with a token signed by someone else', async () => {
      const none = await t.http.get('/api/v1/users').expect(401);
      expect(none.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      await t.http.get('/api/v1/users').set('Authorization', 'Bearer not.a.jwt').expect(401);
      const foreign =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwidHlwIjoidXNlciJ9.c2lnbmF0dXJlLWJ5LXNvbWVvbmUtZWxzZQ';
      await t.http.get('/api/v1/users').set('Authorization', `Bearer ${foreign}`).expect(401);
    });

    it('refuses user management to every role but ADMIN', async () => {
      for (const email of [
        'manager@demo.carnet.fr',
        'venue@demo.carnet.fr',
        'commune@demo.carnet.fr',
      ]) {
        const session = await login(t.http, email);
        const response = await t.http.get('/api/v1/users').set(session.auth).expect(403);
        expect(response.body.code).toBe('FORBIDDEN');
        await t.http.get('/api/v1/api-clients').set(session.auth).expect(403);
      }
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      await t.http.get('/api/v1/users').set(admin.auth).expect(200);
    });

    it('stops a disabled user at the next request, without waiting for the token to expire', async () => {
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      const created = await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          email: 'temp.agent@demo.carnet.fr',
          displayName: 'Agent temporaire',
          password: 'a-long-enough-password',
          role: 'PROGRAMME_MANAGER',
          organisationId: (await t.http.get('/api/v1/auth/me').set(admin.auth)).body.organisationId,
        })
        .expect(201);
      const agent = await login(t.http, 'temp.agent@demo.carnet.fr', 'a-long-enough-password');
      await t.http.get('/api/v1/auth/me').set(agent.auth).expect(200);
      await t.http
        .patch(`/api/v1/users/${created.body.id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      await t.http.get('/api/v1/auth/me').set(agent.auth).expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'temp.agent@demo.carnet.fr', password: 'a-long-enough-password' })
        .expect(401);
    });
  });

  describe('account changes', () => {
    it('closes every session of a user whose password an administrator changes', async () => {
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      const created = await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          email: 'stolen.agent@demo.carnet.fr',
          displayName: 'Agent volé',
          password: 'the-old-password-1234',
          role: 'PROGRAMME_MANAGER',
          organisationId: (await t.http.get('/api/v1/auth/me').set(admin.auth)).body.organisationId,
        })
        .expect(201);
      const agent = await login(t.http, 'stolen.agent@demo.carnet.fr', 'the-old-password-1234');
      const other = await login(t.http, 'stolen.agent@demo.carnet.fr', 'the-old-password-1234');
      // A change that decides nothing leaves the sessions open.
      await t.http
        .patch(`/api/v1/users/${created.body.id}`)
        .set(admin.auth)
        .send({ displayName: 'Agent renommé' })
        .expect(200);
      await t.http.get('/api/v1/auth/me').set(agent.auth).expect(200);

      await t.http
        .patch(`/api/v1/users/${created.body.id}`)
        .set(admin.auth)
        .send({ password: 'the-new-password-5678' })
        .expect(200);
      for (const session of [agent, other]) {
        const refused = await t.http
          .post('/api/v1/auth/refresh')
          .send({ refreshToken: session.refreshToken })
          .expect(401);
        expect(refused.body.code).toBe('INVALID_REFRESH_TOKEN');
        await t.http.get('/api/v1/auth/me').set(session.auth).expect(401);
      }
      const audit = await t.dataSource.query<{ after: Record<string, unknown> }[]>(
        `SELECT after FROM audit_event WHERE action = 'user.updated' AND entity_id = $1
         ORDER BY occurred_at DESC LIMIT 1`,
        [created.body.id],
      );
      expect(audit[0].after).toMatchObject({ passwordChanged: true, closedSessions: 2 });
      await login(t.http, 'stolen.agent@demo.carnet.fr', 'the-new-password-5678');
    });

    it('closes the sessions of a user whose role changes', async () => {
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM user_account WHERE email = 'finance2@demo.carnet.fr'`,
      );
      const agent = await login(t.http, 'finance2@demo.carnet.fr');
      await t.http
        .patch(`/api/v1/users/${id}`)
        .set(admin.auth)
        .send({ role: 'PROGRAMME_MANAGER' })
        .expect(200);
      await t.http.get('/api/v1/auth/me').set(agent.auth).expect(401);
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: agent.refreshToken })
        .expect(401);
    });
  });

  describe('API clients (client credentials)', () => {
    it('get a scoped token, may not act as a person, and stop working once revoked', async () => {
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      const venues = await t.http
        .get('/api/v1/organisations?filter[kind]=VENUE')
        .set(admin.auth)
        .expect(200);
      const created = await t.http
        .post('/api/v1/api-clients')
        .set(admin.auth)
        .send({
          name: 'Réservations EPN',
          organisationId: venues.body.data[0].id,
          scopes: ['cheques:check'],
        })
        .expect(201);
      expect(created.body.clientSecret).toEqual(expect.any(String));
      const listed = await t.http
        .get(`/api/v1/api-clients/${created.body.id}`)
        .set(admin.auth)
        .expect(200);
      expect(listed.body.clientSecret).toBeUndefined();

      const wrongScope = await t.http
        .post('/api/v1/auth/token')
        .send({
          clientId: created.body.clientId,
          clientSecret: created.body.clientSecret,
          scopes: ['redemptions:write'],
        })
        .expect(400);
      expect(wrongScope.body.code).toBe('SCOPE_NOT_GRANTED');
      const badSecret = await t.http
        .post('/api/v1/auth/token')
        .send({ clientId: created.body.clientId, clientSecret: 'wrong' })
        .expect(401);
      expect(badSecret.body.code).toBe('INVALID_CLIENT_CREDENTIALS');

      const token = await t.http
        .post('/api/v1/auth/token')
        .send({ clientId: created.body.clientId, clientSecret: created.body.clientSecret })
        .expect(200);
      expect(token.body).toMatchObject({ tokenType: 'Bearer', scopes: ['cheques:check'] });
      const auth = { Authorization: `Bearer ${token.body.accessToken}` };
      await t.http.get('/api/v1/auth/me').set(auth).expect(403);
      await t.http.get('/api/v1/users').set(auth).expect(403);

      await t.http.delete(`/api/v1/api-clients/${created.body.id}`).set(admin.auth).expect(204);
      await t.http.get('/api/v1/auth/me').set(auth).expect(401);
      await t.http
        .post('/api/v1/auth/token')
        .send({ clientId: created.body.clientId, clientSecret: created.body.clientSecret })
        .expect(401);
    });

    it('are only bound to venues', async () => {
      const admin = await login(t.http, 'admin@demo.carnet.fr');
      const communes = await t.http
        .get('/api/v1/organisations?filter[kind]=COMMUNE')
        .set(admin.auth)
        .expect(200);
      const refused = await t.http
        .post('/api/v1/api-clients')
        .set(admin.auth)
        .send({
          name: 'Mairie',
          organisationId: communes.body.data[0].id,
          scopes: ['cheques:check'],
        })
        .expect(422);
      expect(refused.body.code).toBe('API_CLIENT_ORGANISATION_NOT_ALLOWED');
    });
  });
});
