import { AccountLink } from '#src/auth/account-link.entity.js';
import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  importCommunes,
  LENS,
  LIEVIN,
} from './factories.js';
import { linkToken, type MailCatcher, startMailCatcher } from './mail-catcher.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const PASSWORD = 'un-mot-de-passe-choisi';
const PUBLIC_URL = 'https://pass.example.fr';

/**
 * Accounts by e-mail (issue 15): invitations and « Mot de passe oublié ? » through a real local
 * SMTP server (maildev), the mails sent by the worker's job after the commit.
 */
describe('invitations and password resets by e-mail (e2e)', () => {
  let mail: MailCatcher;
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let lensReferent: Session;
  let venueOrganisationId: string;
  let lensStructure: string;
  let lievinStructure: string;

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await bootApp({
      seed: 'accounts',
      worker: true,
      config: { SMTP_URL: mail.smtpUrl, PUBLIC_URL },
    });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    admin = await login(t.http, 'admin@demo.carnet.fr');
    manager = await login(t.http, 'manager@demo.carnet.fr');
    lensReferent = await login(t.http, 'commune@demo.carnet.fr');
    const venues = await t.http
      .get('/api/v1/organisations')
      .query({ 'filter[kind]': 'VENUE', 'filter[q]': 'Espace public numérique de Liévin' })
      .set(admin.auth);
    venueOrganisationId = venues.body.data[0].id;
    lensStructure = (await createPrescriber(t, { name: 'CCAS de Lens', inseeCode: LENS })).id;
    lievinStructure = (await createPrescriber(t, { name: 'CCAS de Liévin', inseeCode: LIEVIN })).id;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await mail?.stop();
  }, 60_000);

  const invite = (email: string, overrides: Record<string, unknown> = {}) =>
    t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email,
        displayName: 'Nadia Benali',
        role: 'VENUE_STAFF',
        organisationId: venueOrganisationId,
        ...overrides,
      });

  const setPassword = (token: string, password = PASSWORD) =>
    t.http.post('/api/v1/auth/password').send({ token, password });

  const auditOf = async (userId: string) =>
    (
      await t.http
        .get(`/api/v1/audit-events?filter[entityType]=user&filter[entityId]=${userId}`)
        .set(admin.auth)
        .expect(200)
    ).body.data as { action: string; actorLabel: string; after: Record<string, unknown> }[];

  it('invites a user by e-mail: no password until they choose one through the link', async () => {
    const created = await invite('Nadia.Benali@Lievin.fr').expect(201);
    expect(created.body).toMatchObject({
      email: 'nadia.benali@lievin.fr',
      invitationPending: true,
    });
    // No usable password: signing in fails like any wrong password.
    const refused = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nadia.benali@lievin.fr', password: 'anything-at-all' })
      .expect(401);
    expect(refused.body.code).toBe('INVALID_CREDENTIALS');

    const [invitation] = await mail.waitFor('nadia.benali@lievin.fr');
    expect(invitation.subject).toBe('Votre compte Pass numérique : choisissez votre mot de passe');
    expect(invitation.text).toContain('Bonjour Nadia Benali,');
    expect(invitation.text).toContain("Pass numérique — Communauté d'agglomération de Lens-Liévin");
    expect(invitation.text).toContain(`${PUBLIC_URL}/#/mot-de-passe/`);
    expect(invitation.html).toContain('<a href="https://pass.example.fr/#/mot-de-passe/');
    const token = linkToken(invitation);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    await setPassword(token).expect(204);
    await login(t.http, 'nadia.benali@lievin.fr', PASSWORD);
    const user = await t.http.get(`/api/v1/users/${created.body.id}`).set(admin.auth).expect(200);
    expect(user.body.invitationPending).toBe(false);

    // The link works once.
    const reused = await setPassword(token, 'encore-un-autre-mot-de-passe').expect(410);
    expect(reused.body).toMatchObject({ code: 'ACCOUNT_LINK_USED' });
    expect(reused.headers['content-type']).toContain('application/problem+json');

    const audit = await auditOf(created.body.id);
    expect(audit.map((e) => e.action).sort()).toEqual(['auth.invitation-accepted', 'user.created']);
    expect(audit.find((e) => e.action === 'user.created')!.after).toMatchObject({
      invitationSent: true,
    });
    expect(audit.find((e) => e.action === 'auth.invitation-accepted')!.actorLabel).toBe(
      'nadia.benali@lievin.fr',
    );
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('stores only a hash of the token', async () => {
    await invite('hash.only@lievin.fr').expect(201);
    const token = linkToken((await mail.waitFor('hash.only@lievin.fr'))[0]);
    const links = await t.dataSource.manager.find(AccountLink, {});
    expect(JSON.stringify(links)).not.toContain(token);
    expect(links.every((l) => /^[0-9a-f]{64}$/.test(l.tokenHash))).toBe(true);
  });

  it('resends an invitation: a new link, the former one stops working', async () => {
    const created = await invite('resend@lievin.fr').expect(201);
    const first = linkToken((await mail.waitFor('resend@lievin.fr', 1))[0]);
    const again = await t.http
      .post(`/api/v1/users/${created.body.id}/invitation`)
      .set(admin.auth)
      .expect(200);
    expect(again.body.invitationPending).toBe(true);
    const mails = await mail.waitFor('resend@lievin.fr', 2);
    const second = linkToken(mails[1]);
    expect(second).not.toBe(first);
    expect((await setPassword(first).expect(400)).body.code).toBe('ACCOUNT_LINK_INVALID');
    await setPassword(second).expect(204);
    // Once a password is chosen, there is nothing to resend.
    const refused = await t.http
      .post(`/api/v1/users/${created.body.id}/invitation`)
      .set(admin.auth)
      .expect(409);
    expect(refused.body.code).toBe('INVITATION_NOT_NEEDED');
    expect((await auditOf(created.body.id)).map((e) => e.action)).toContain('user.invitation-sent');
  });

  it('refuses an expired link', async () => {
    const created = await invite('expired@lievin.fr').expect(201);
    const token = linkToken((await mail.waitFor('expired@lievin.fr'))[0]);
    await t.dataSource.manager.update(
      AccountLink,
      { userId: created.body.id },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const refused = await setPassword(token).expect(410);
    expect(refused.body.code).toBe('ACCOUNT_LINK_EXPIRED');
  });

  it('refuses an unknown or malformed token, and a short password', async () => {
    expect((await setPassword('x'.repeat(43)).expect(400)).body.code).toBe('ACCOUNT_LINK_INVALID');
    expect((await setPassword('not a token').expect(400)).body.code).toBe('ACCOUNT_LINK_INVALID');
    const short = await setPassword('x'.repeat(43), 'court').expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
  });

  it('still creates a user with a password given by the administrator (no e-mail)', async () => {
    await invite('with.password@lievin.fr', { password: 'mot-de-passe-solide' }).expect(201);
    await login(t.http, 'with.password@lievin.fr', 'mot-de-passe-solide');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      (await mail.all()).filter((m) => m.to[0]?.address === 'with.password@lievin.fr'),
    ).toEqual([]);
  });

  describe('« Mot de passe oublié ? »', () => {
    const neutral = {
      message:
        'Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe.',
    };

    it('mails a reset link; using it sets the password and closes every session', async () => {
      await invite('reset.me@lievin.fr', { password: 'ancien-mot-de-passe' }).expect(201);
      const session = await login(t.http, 'reset.me@lievin.fr', 'ancien-mot-de-passe');
      const answer = await t.http
        .post('/api/v1/auth/password-reset')
        .send({ email: 'Reset.Me@lievin.fr' })
        .expect(202);
      expect(answer.body).toEqual(neutral);
      const [reset] = await mail.waitFor('reset.me@lievin.fr');
      expect(reset.subject).toBe('Pass numérique : réinitialisation de votre mot de passe');
      expect(reset.text).toMatch(/expire le .+ à \d\d:\d\d/);
      const token = linkToken(reset);
      await setPassword(token, 'nouveau-mot-de-passe').expect(204);
      // The old sessions are closed, the old password is refused, the new one works.
      await t.http.get('/api/v1/auth/me').set(session.auth).expect(401);
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'reset.me@lievin.fr', password: 'ancien-mot-de-passe' })
        .expect(401);
      await login(t.http, 'reset.me@lievin.fr', 'nouveau-mot-de-passe');
      expect((await setPassword(token).expect(410)).body.code).toBe('ACCOUNT_LINK_USED');

      const userId = (
        await t.http
          .get('/api/v1/auth/me')
          .set((await login(t.http, 'reset.me@lievin.fr', 'nouveau-mot-de-passe')).auth)
      ).body.id as string;
      const audit = await auditOf(userId);
      expect(audit.map((e) => e.action)).toEqual(
        expect.arrayContaining(['auth.password-reset-requested', 'auth.password-reset']),
      );
      expect(audit.find((e) => e.action === 'auth.password-reset')!.after).toMatchObject({
        passwordChanged: true,
        closedSessions: expect.any(Number),
      });
      expect(JSON.stringify(audit)).not.toContain(token);
    });

    it('answers alike for an unknown e-mail and sends nothing', async () => {
      const before = (await mail.all()).length;
      const linksBefore = await t.dataSource.manager.count(AccountLink);
      const answer = await t.http
        .post('/api/v1/auth/password-reset')
        .send({ email: 'personne@nulle-part.fr' })
        .expect(202);
      expect(answer.body).toEqual(neutral);
      // Nothing to send: no link was made (a mail is sent only for a link).
      expect(await t.dataSource.manager.count(AccountLink)).toBe(linksBefore);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await mail.all()).length).toBe(before);
    });

    it('takes as long to answer for an unknown e-mail as for an account', async () => {
      await invite('timed@lievin.fr', { password: 'mot-de-passe-solide' }).expect(201);
      const timed = async (email: string) => {
        const started = process.hrtime.bigint();
        await t.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      // Both wait for the same floor (400 ms), whatever the work behind.
      expect(await timed('personne@nulle-part.fr')).toBeGreaterThanOrEqual(400);
      expect(await timed('timed@lievin.fr')).toBeGreaterThanOrEqual(400);
    });

    it('sends nothing to a disabled account', async () => {
      const created = await invite('disabled@lievin.fr', { password: 'mot-de-passe-solide' });
      await t.http
        .patch(`/api/v1/users/${created.body.id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      await t.http
        .post('/api/v1/auth/password-reset')
        .send({ email: 'disabled@lievin.fr' })
        .expect(202);
      // No link was made for the disabled account, so no e-mail can follow.
      expect(
        await t.dataSource.manager.count(AccountLink, { where: { userId: created.body.id } }),
      ).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await mail.all()).filter((m) => m.to[0]?.address === 'disabled@lievin.fr')).toEqual(
        [],
      );
    });
  });

  describe('who may invite', () => {
    it('lets a référent invite an agent into a structure of their commune, by e-mail', async () => {
      const created = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents`)
        .set(lensReferent.auth)
        .send({ email: 'agent.lens@example.org', displayName: 'Agent Lens' })
        .expect(201);
      expect(created.body.invitationPending).toBe(true);
      const token = linkToken((await mail.waitFor('agent.lens@example.org'))[0]);
      await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${created.body.id}/invitation`)
        .set(lensReferent.auth)
        .expect(200);
      await mail.waitFor('agent.lens@example.org', 2);
      expect((await setPassword(token).expect(400)).body.code).toBe('ACCOUNT_LINK_INVALID');
    });

    it("refuses a référent another commune's structure and its agents", async () => {
      await t.http
        .post(`/api/v1/prescribers/${lievinStructure}/agents`)
        .set(lensReferent.auth)
        .send({ email: 'agent.lievin@example.org', displayName: 'Agent Liévin' })
        .expect(404);
      const agent = await t.http
        .post(`/api/v1/prescribers/${lievinStructure}/agents`)
        .set(manager.auth)
        .send({ email: 'agent.lievin@example.org', displayName: 'Agent Liévin' })
        .expect(201);
      const refused = await t.http
        .post(`/api/v1/prescribers/${lievinStructure}/agents/${agent.body.id}/invitation`)
        .set(lensReferent.auth)
        .expect(404);
      expect(refused.body.code).toBe('PRESCRIBER_NOT_FOUND');
      // Nor through the Lens structure: the agent is not one of its own.
      const notOurs = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents/${agent.body.id}/invitation`)
        .set(lensReferent.auth)
        .expect(404);
      expect(notOurs.body.code).toBe('AGENT_NOT_FOUND');
    });

    it('does not let a référent raise roles: no role field, no /users', async () => {
      const withRole = await t.http
        .post(`/api/v1/prescribers/${lensStructure}/agents`)
        .set(lensReferent.auth)
        .send({ email: 'boss@example.org', displayName: 'Boss', role: 'ADMIN' })
        .expect(400);
      expect(withRole.body.code).toBe('VALIDATION_FAILED');
      await t.http
        .post('/api/v1/users')
        .set(lensReferent.auth)
        .send({
          email: 'boss@example.org',
          displayName: 'Boss',
          role: 'ADMIN',
          organisationId: venueOrganisationId,
        })
        .expect(403);
      const venueUser = await invite('venue.only@lievin.fr', { password: 'mot-de-passe-solide' });
      await t.http
        .post(`/api/v1/users/${venueUser.body.id}/invitation`)
        .set(lensReferent.auth)
        .expect(403);
    });
  });

  // The two tests below boot a second application: Passport's 'jwt' strategy is global, so the
  // first application's bearer tokens stop working after them. They come last for that reason.
  it('throttles « Mot de passe oublié ? » per IP like the other auth routes', async () => {
    const limited = await bootApp({
      seed: false,
      config: { SMTP_URL: mail.smtpUrl, AUTH_THROTTLE_LIMIT: '2' },
    });
    try {
      for (let i = 0; i < 2; i++) {
        await limited.http
          .post('/api/v1/auth/password-reset')
          .send({ email: 'x@y.fr' })
          .expect(202);
      }
      const refused = await limited.http
        .post('/api/v1/auth/password-reset')
        .send({ email: 'x@y.fr' })
        .expect(429);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });

  it('refuses to invite without a mail server, and says so', async () => {
    const noMail = await bootApp({ seed: 'accounts' });
    try {
      const adminWithoutMail = await login(noMail.http, 'admin@demo.carnet.fr');
      const owner = (await noMail.http.get('/api/v1/auth/me').set(adminWithoutMail.auth)).body
        .organisationId as string;
      const refused = await noMail.http
        .post('/api/v1/users')
        .set(adminWithoutMail.auth)
        .send({
          email: 'no.mail@example.org',
          displayName: 'Sans e-mail',
          role: 'PROGRAMME_MANAGER',
          organisationId: owner,
        })
        .expect(409);
      expect(refused.body.code).toBe('MAIL_NOT_CONFIGURED');
      // The same answer as ever to « Mot de passe oublié ? ».
      await noMail.http
        .post('/api/v1/auth/password-reset')
        .send({ email: 'admin@demo.carnet.fr' })
        .expect(202);
    } finally {
      await noMail.close();
    }
  });

  it('names the product and the programme owner for the sign-in page, without sign-in', async () => {
    const info = await t.http.get('/api/v1/public/sign-in').expect(200);
    expect(info.body).toEqual({
      productName: 'Pass numérique',
      ownerName: "Communauté d'agglomération de Lens-Liévin",
    });
  });
});
