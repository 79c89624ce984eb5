import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_VENUES } from '#src/seed/demo-venues.js';
import { createAllDemoAccounts, createVenue } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * What each audit action may carry, so that a new action is classified before it lands:
 * `banking` (bank details: IBAN masked at write), `personal` (names, e-mails, phones of staff or
 * structures, kept on purpose: who did what is the log's purpose), `none`.
 */
const AUDIT_ACTIONS: Record<string, 'banking' | 'personal' | 'none'> = {
  'bank-account.entered': 'banking',
  'bank-account.document-attached': 'banking',
  'bank-account.verified': 'banking',
  'bank-account.rejected': 'banking',
  'user.created': 'personal',
  'user.updated': 'personal',
  'funder.created': 'personal',
  'funder.updated': 'personal',
  'funder.logo-changed': 'none', // the stored image's id, type, size and hash
  'funder.logo-removed': 'none',
  'prescriber.created': 'personal',
  'prescriber.updated': 'personal',
  'training.created': 'personal', // the trainer's name
  'training.updated': 'personal',
  'venue.created': 'personal',
  'venue.updated': 'personal',
  'enrolment.created': 'personal',
  'enrolment.updated': 'personal',
  'issuance.print-downloaded': 'personal',
  'auth.login-locked': 'personal', // the client's IP address
  'api-client.created': 'none',
  'api-client.revoked': 'none',
  'user.invitation-sent': 'personal', // the invited person's e-mail; never the link's token
  'auth.password-reset-requested': 'none', // the link's expiry only, never its token
  'auth.invitation-accepted': 'none',
  'auth.password-reset': 'none',
  'auth.refresh-token-reused': 'none',
  'auth.refresh-replayed': 'none',
  'organisation.created': 'none',
  'venue.qualification-decided': 'none',
  'enrolment.deliberation-attached': 'none',
  'commune.imported': 'none',
  'commune.updated-from-official-code': 'none',
  'programme.created': 'none',
  'programme.updated': 'none',
  'programme.activated': 'none',
  'programme.closed': 'none',
  'programme.funding-shares-set': 'none',
  'programme.criteria-set': 'none',
  'allocation.committed': 'none',
  'issuance.requested': 'none',
  'issuance.started': 'none',
  'issuance.printing': 'none',
  'issuance.completed': 'none',
  'issuance.failed': 'none',
  'issuance.resumed': 'none',
  'issuance.print-regenerated': 'none',
  'issuance.reprint-completed': 'none',
  'issuance.reprint-failed': 'none',
  'carnet.codes-renewed': 'none',
  'carnet.cancelled': 'none',
  'carnet.replacement-issued': 'none',
  'carnet.replaced': 'none',
  'carnet.*': 'none', // custody moves: `carnet.${kind}`
  'cheque.cancelled': 'none',
  'cheques.expired': 'none',
  // Wrong security codes: their count only, never a code.
  'cheque.locked': 'none',
  'cheque.unlocked': 'none',
  // Redemptions: venue, cheque numbers, amount, service, date; never a code nor the person.
  'redemption.created': 'none',
  'redemption.cancelled': 'none',
  // Networks of venues: which venue joined or left which network.
  'venue-network.venue-added': 'none',
  'venue-network.venue-removed': 'none',
  // Beneficiaries: which fields changed and anonymous aggregates (commune, situation, age band,
  // needs), never a name, contact, birth year, address, household key or notes.
  'beneficiary.created': 'none',
  'beneficiary.updated': 'none',
  'diagnostic.created': 'none',
  'beneficiary.household-exception-granted': 'none',
  // Counts only (diagnostics, carnets, movements exported; beneficiaries and notes purged).
  'beneficiary.exported': 'none',
  'beneficiaries.purged': 'none',
  // The erasure's reason, written by a programme manager and documented as never naming the
  // person (EraseBeneficiaryDto), and counts.
  'beneficiary.erased': 'none',
  // Reimbursement batches: programme, period, counts and amounts; who acted is the actor. The
  // download names the file (a venue's statement by its venue id), never its content.
  'reimbursement-batch.created': 'none',
  'reimbursement-batch.generated': 'none',
  'reimbursement-batch.approved': 'none',
  'reimbursement-batch.export-requested': 'none',
  'reimbursement-batch.exported': 'none',
  'reimbursement-batch.file-downloaded': 'none',
  'reimbursement-batch.payments-recorded': 'none',
  'reimbursement-batch.closed': 'none',
};

/** Every action written in apps/api/src: literals next to `action`, setStatus(…) arguments, templates. */
function actionsInSource(): Set<string> {
  const root = join(process.cwd(), 'apps/api/src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
  );
  const found = new Set<string>();
  const dotted = /'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g;
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const line of text.split('\n').filter((l) => /\baction:/.test(l))) {
      for (const [, action] of line.matchAll(dotted)) found.add(action);
      for (const [, family] of line.matchAll(/`([a-z-]+)\.\$\{/g)) found.add(`${family}.*`);
    }
    for (const [, action] of text.matchAll(/setStatus\(\s*\w+,\s*'[A-Z_]+',\s*'([^']+)'/g)) {
      found.add(action);
    }
  }
  return found;
}

const READERS = ['admin', 'manager', 'finance'];
const NOT_READERS = ['funder', 'commune', 'prescriber', 'venue'];
const IBAN_ENTERED = 'FR7630006000011234567890189';

describe('personal and banking data in the audit log (e2e)', () => {
  let t: TestApp;
  const sessions: Record<string, Session> = {};
  let clientSecret: string;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await createAllDemoAccounts(t);
    await createVenue(t, DEMO_VENUES[1].venue, DEMO_VENUES[1].bankAccount);
    for (const name of [...READERS, ...NOT_READERS]) {
      sessions[name] = await login(t.http, `${name}@demo.carnet.fr`);
    }
    // Bank details entered by a venue, a user with a password, an API client with a secret.
    const staff = sessions.venue;
    const venueId = (await t.http.get('/api/v1/venues').set(staff.auth).expect(200)).body.data[0]
      .id as string;
    await t.http
      .put(`/api/v1/venues/${venueId}/bank-account`)
      .set(staff.auth)
      .send({ holderName: 'EPN DEMO', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' })
      .expect(200);
    const created = await t.http
      .post('/api/v1/users')
      .set(sessions.admin.auth)
      .send({
        email: 'audit.test@demo.carnet.fr',
        displayName: 'Audit Test',
        password: 'un-mot-de-passe-secret',
        role: 'PROGRAMME_MANAGER',
        organisationId: (await t.http.get('/api/v1/auth/me').set(sessions.admin.auth)).body
          .organisationId,
      })
      .expect(201);
    await t.http
      .patch(`/api/v1/users/${created.body.id}`)
      .set(sessions.admin.auth)
      .send({ password: 'un-autre-mot-de-passe' })
      .expect(200);
    const venueOrganisation = (await t.http.get(`/api/v1/venues/${venueId}`).set(staff.auth)).body
      .organisationId as string;
    clientSecret = (
      await t.http
        .post('/api/v1/api-clients')
        .set(sessions.admin.auth)
        .send({ name: 'Kiosque', organisationId: venueOrganisation, scopes: ['cheques:check'] })
        .expect(201)
    ).body.clientSecret as string;
  });

  afterAll(async () => {
    await t.close();
  });

  it('classifies every audit action written in the code', () => {
    expect([...actionsInSource()].filter((a) => !(a in AUDIT_ACTIONS)).sort()).toEqual([]);
  });

  it('holds no full IBAN, password, hash or client secret anywhere in the audit table', async () => {
    const rows = await t.dataSource.query<{ text: string }[]>(
      `SELECT concat_ws(' ', actor_label, action, entity_id, before::text, after::text) AS text
       FROM audit_event`,
    );
    const all = rows.map((r) => r.text).join('\n');
    const ibans = (
      await t.dataSource.query<{ iban: string }[]>('SELECT iban FROM venue_bank_account')
    ).map((r) => r.iban);
    expect(ibans).toContain(IBAN_ENTERED);
    expect(ibans.length).toBeGreaterThan(1);
    const hashes = (
      await t.dataSource.query<{ hash: string }[]>(
        `SELECT password_hash AS hash FROM user_account WHERE password_hash IS NOT NULL
         UNION ALL SELECT secret_hash FROM api_client`,
      )
    ).map((r) => r.hash);
    const secrets = [
      ...ibans,
      ...hashes,
      clientSecret,
      'un-mot-de-passe-secret',
      'un-autre-mot-de-passe',
    ];
    expect(secrets.filter((s) => all.includes(s))).toEqual([]);
    // …while the log still says which account it was.
    expect(all).toContain(`FR76${'•'.repeat(19)}0189`);
  });

  it.each(Object.entries(AUDIT_ACTIONS).filter(([, kind]) => kind !== 'none'))(
    'lets only the owner staff read %s, never a full IBAN or a secret',
    async (action) => {
      for (const name of NOT_READERS) {
        await t.http
          .get(`/api/v1/audit-events?filter[action]=${action}`)
          .set(sessions[name].auth)
          .expect(403);
      }
      for (const name of READERS) {
        const page = await t.http
          .get(`/api/v1/audit-events?filter[action]=${action}&pageSize=100`)
          .set(sessions[name].auth)
          .expect(200);
        const body = JSON.stringify(page.body);
        expect(body).not.toContain(IBAN_ENTERED);
        expect(body).not.toMatch(/\bFR76\d{23}\b/);
        expect(body).not.toMatch(/\$argon2|\$scrypt|\$2[aby]\$/);
        expect(body).not.toContain(clientSecret);
        if (action === 'bank-account.entered') {
          expect(page.body.data.length).toBeGreaterThan(0);
          expect(page.body.data[0].after).toMatchObject({
            iban: `FR76${'•'.repeat(19)}0189`,
            holderName: 'EPN DEMO',
            bic: 'AGRIFRPP',
          });
        }
      }
    },
  );

  it('masks on the way out too, for rows written before masking at write', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_event (actor_type, actor_label, action, entity_type, entity_id, after)
       VALUES ('SYSTEM', 'system:legacy', 'bank-account.entered', 'bank-account', 'legacy', $1)`,
      [JSON.stringify({ iban: IBAN_ENTERED, note: `RIB ${IBAN_ENTERED}` })],
    );
    const page = await t.http
      .get('/api/v1/audit-events?filter[entityId]=legacy')
      .set(sessions.finance.auth)
      .expect(200);
    expect(page.body.data[0].after).toEqual({
      iban: `FR76${'•'.repeat(19)}0189`,
      note: `RIB FR76${'•'.repeat(19)}0189`,
    });
  });
});
