import { bootApp, login, type Session, type TestApp } from './utils.js';

const LENS_LIEVIN = '246200364';
const LENS = '62498';
const LIEVIN = '62510';

/** The set-up CA de Lens-Liévin made: 36 communes, €480,000, State 65 %, FEDER 21 %, agglo 14 %. */
describe('territory and funding: the Lens-Liévin set-up (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let programmeId: string;
  let funders: { state: string; feder: string; agglo: string };
  let inseeCodes: string[];

  beforeAll(async () => {
    // Only the owner's accounts: this test builds the programme the demo data would otherwise hold.
    t = await bootApp({ seed: 'accounts' });
    manager = await login(t.http, 'manager@demo.carnet.fr');
  });

  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) =>
    t.http.post(`/api/v1${path}`).set(manager.auth).send(body);

  it('imports the 36 communes of CA de Lens-Liévin from the official geographic code, idempotently', async () => {
    const first = await post('/communes/import', { epciSiren: LENS_LIEVIN }).expect(200);
    expect(first.body).toEqual({ total: 36, created: 36, updated: 0, unchanged: 0 });
    const again = await post('/communes/import', { epciSiren: LENS_LIEVIN }).expect(200);
    expect(again.body).toEqual({ total: 36, created: 0, updated: 0, unchanged: 36 });

    const list = await t.http
      .get(`/api/v1/communes?filter[epciSiren]=${LENS_LIEVIN}&pageSize=100&sort=name`)
      .set(manager.auth)
      .expect(200);
    expect(list.body.meta.total).toBe(36);
    inseeCodes = list.body.data.map((c: { inseeCode: string }) => c.inseeCode);
    // Names sort the French way (ICU collation): « Éleu-dit-Leauwette » comes before « Estevelles ».
    const names: string[] = list.body.data.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(names.indexOf('Éleu-dit-Leauwette')).toBe(names.indexOf('Estevelles') - 1);
    const lens = list.body.data.find((c: { inseeCode: string }) => c.inseeCode === LENS);
    expect(lens).toMatchObject({
      name: 'Lens',
      departement: '62',
      postalCodes: ['62300'],
      epciSiren: LENS_LIEVIN,
    });
    expect(lens.population).toBeGreaterThan(30_000);

    const unknown = await post('/communes/import', { epciSiren: '999999999' }).expect(404);
    expect(unknown.body.code).toBe('TERRITORY_NOT_FOUND');
    const both = await post('/communes/import', {
      epciSiren: LENS_LIEVIN,
      departement: '62',
    }).expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
  });

  it('registers the three funders, checking SIRETs', async () => {
    const badSiret = await post('/funders', {
      name: 'X',
      kind: 'STATE',
      siret: '12345678901234',
    }).expect(400);
    expect(badSiret.body.errors[0].field).toBe('siret');
    const state = await post('/funders', {
      name: 'État',
      kind: 'STATE',
      siret: '130 005 481 00010',
    });
    const feder = await post('/funders', { name: 'Union européenne — FEDER', kind: 'EU_FUND' });
    const agglo = await post('/funders', { name: 'CA de Lens-Liévin', kind: 'EPCI' });
    for (const r of [state, feder, agglo]) expect(r.status).toBe(201);
    expect(state.body.siret).toBe('13000548100010');
    funders = { state: state.body.id, feder: feder.body.id, agglo: agglo.body.id };
  });

  it('creates the programme in DRAFT and refuses activation until shares make 100 %', async () => {
    const created = await post('/programmes', {
      name: 'Pass numérique Lens-Liévin',
      territoryLabel: 'CA de Lens-Liévin',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      validityEndDate: '2027-12-31',
      graceDays: 30,
      budgetCents: 48_000_000,
      payableServices: [
        'Aide aux démarches administratives',
        'Maîtrise des outils numériques du quotidien',
      ],
    }).expect(201);
    expect(created.body).toMatchObject({
      status: 'DRAFT',
      faceValueCents: 1000,
      chequesPerCarnet: 10,
      maxCarnetsPerHousehold: 1,
      sepaFormat: 'pain.001.001.09',
    });
    programmeId = created.body.id;

    const early = await post(`/programmes/${programmeId}/activate`, {}).expect(422);
    expect(early.body.code).toBe('PROGRAMME_NOT_ACTIVATABLE');

    const short = await t.http
      .put(`/api/v1/programmes/${programmeId}/funding-shares`)
      .set(manager.auth)
      .send({
        shares: [
          { funderId: funders.state, basisPoints: 6500 },
          { funderId: funders.feder, basisPoints: 2100 },
        ],
      })
      .expect(422);
    expect(short.body.code).toBe('SHARES_NOT_100_PERCENT');

    const shares = await t.http
      .put(`/api/v1/programmes/${programmeId}/funding-shares`)
      .set(manager.auth)
      .send({
        shares: [
          { funderId: funders.state, basisPoints: 6500 },
          { funderId: funders.feder, basisPoints: 2100 },
          { funderId: funders.agglo, basisPoints: 1400 },
        ],
      })
      .expect(200);
    expect(shares.body.totalBasisPoints).toBe(10_000);
    expect(shares.body.shares.map((s: { budgetPartCents: number }) => s.budgetPartCents)).toEqual([
      31_200_000, 10_080_000, 6_720_000,
    ]);

    const active = await post(`/programmes/${programmeId}/activate`, {}).expect(200);
    expect(active.body.status).toBe('ACTIVE');
    const frozen = await t.http
      .patch(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .send({ faceValueCents: 2000 })
      .expect(409);
    expect(frozen.body.code).toBe('PROGRAMME_TERMS_FROZEN');
  });

  it("switches the programme's SEPA file to pain.001.001.03 for a bank that asks for it", async () => {
    const patch = (body: object) =>
      t.http.patch(`/api/v1/programmes/${programmeId}`).set(manager.auth).send(body);

    const unknown = await patch({ sepaFormat: 'pain.001.001.02' }).expect(400);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(unknown.body)).toContain('sepaFormat');

    // Active already: the SEPA format is a bank setting, not a term printed on the cheques.
    const changed = await patch({ sepaFormat: 'pain.001.001.03' }).expect(200);
    expect(changed.body.sepaFormat).toBe('pain.001.001.03');
    const read = await t.http
      .get(`/api/v1/programmes/${programmeId}`)
      .set(manager.auth)
      .expect(200);
    expect(read.body).toMatchObject({ sepaFormat: 'pain.001.001.03', status: 'ACTIVE' });
  });

  it('enrols the 36 communes, with a délibération PDF and a référent for Lens', async () => {
    // The commune names its référent: an account in the commune's own organisation.
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const lens = await t.http.get(`/api/v1/communes/${LENS}`).set(manager.auth).expect(200);
    const referent = (
      await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          email: 'referent@lens.fr',
          displayName: 'Référente Lens',
          password: 'referente-inclusion',
          role: 'COMMUNE_REFERENT',
          organisationId: lens.body.organisationId,
        })
        .expect(201)
    ).body;
    const candidates = await t.http
      .get(`/api/v1/communes/${LENS}/referents`)
      .set(manager.auth)
      .expect(200);
    expect(candidates.body.data).toEqual([
      { id: referent.id, displayName: 'Référente Lens', email: 'referent@lens.fr' },
    ]);
    const none = await t.http
      .get(`/api/v1/communes/${LIEVIN}/referents`)
      .set(manager.auth)
      .expect(200);
    expect(none.body.data).toEqual([]);
    for (const inseeCode of inseeCodes) {
      await post(`/programmes/${programmeId}/enrolments`, {
        inseeCode,
        deliberationDate: '2025-11-18',
        deliberationReference: `DEL-${inseeCode}`,
        conventionSignedOn: '2025-12-02',
        ...(inseeCode === LENS ? { referentUserIds: [referent.id] } : {}),
      }).expect(201);
    }
    const again = await post(`/programmes/${programmeId}/enrolments`, {
      inseeCode: LENS,
      deliberationDate: '2025-11-18',
      deliberationReference: 'again',
    }).expect(409);
    expect(again.body.code).toBe('ALREADY_ENROLLED');

    const wrongReferent = await t.http
      .patch(`/api/v1/programmes/${programmeId}/enrolments/${LIEVIN}`)
      .set(manager.auth)
      .send({ referentUserIds: [referent.id] })
      .expect(422);
    expect(wrongReferent.body.code).toBe('REFERENT_NOT_ALLOWED');

    // The smallest skeleton the upload accepts: header, an xref table and the trailer pointing at it.
    const head = '%PDF-1.4\n% délibération du conseil municipal\n';
    const pdf = Buffer.from(
      `${head}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n${Buffer.byteLength(head)}\n%%EOF\n`,
    );
    await t.http
      .put(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(manager.auth)
      .set('Content-Type', 'application/pdf')
      .send(pdf)
      .expect(200);
    const back = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(manager.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(back.body as Buffer, pdf)).toBe(0);
    const notPdf = await t.http
      .put(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(manager.auth)
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('not a pdf'))
      .expect(415);
    expect(notPdf.body.code).toBe('DOCUMENT_NOT_PDF');
  });

  it('refuses a criteria CSV with any bad line, saving nothing, then accepts a clean one', async () => {
    const bad = [
      'inseeCode;qpvPopulation;population',
      `${LENS};8 200;32 920`,
      '99999;10;10',
      `${LENS};1;1`,
      `${LIEVIN};beaucoup;30 409`,
    ].join('\n');
    const refused = await t.http
      .post(`/api/v1/programmes/${programmeId}/criteria/import`)
      .set(manager.auth)
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(422);
    expect(refused.body.code).toBe('CRITERIA_INVALID');
    const fields = refused.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3/),
        expect.stringMatching(/^line 4/),
        expect.stringMatching(/^line 5/),
      ]),
    );
    const stored = await t.http
      .get(`/api/v1/programmes/${programmeId}/criteria`)
      .set(manager.auth)
      .expect(200);
    expect(stored.body.rows).toEqual([]);

    const lines = ['inseeCode,qpvPopulation,population'];
    const communes = await t.http
      .get(`/api/v1/communes?filter[programmeId]=${programmeId}&pageSize=100`)
      .set(manager.auth);
    for (const c of communes.body.data as { inseeCode: string; population: number }[]) {
      const qpv = [LENS, LIEVIN].includes(c.inseeCode) ? Math.round(c.population / 4) : 0;
      lines.push(`${c.inseeCode},${qpv},${c.population}`);
    }
    const accepted = await t.http
      .post(`/api/v1/programmes/${programmeId}/criteria/import`)
      .set(manager.auth)
      .set('Content-Type', 'text/csv')
      .send(lines.join('\n'))
      .expect(201);
    expect(accepted.body.rows).toHaveLength(36);
  });

  it('previews, then commits 4,000 carnets: exact total, at least 10 each, explained', async () => {
    const request = {
      totalCarnets: 4000,
      fixedPerCommune: 10,
      weights: { qpvPopulation: 3, population: 1 },
    };
    const preview = await post(
      `/programmes/${programmeId}/allocations?dryRun=true`,
      request,
    ).expect(201);
    expect(preview.body).toMatchObject({ dryRun: true, id: null, version: null });
    expect(preview.body.totals).toMatchObject({
      total: 4000,
      fixed: 360,
      variable: 3640,
      valueCents: 40_000_000,
    });
    const totals = preview.body.lines.map((l: { total: number }) => l.total);
    expect(totals.reduce((a: number, b: number) => a + b, 0)).toBe(4000);
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(10);
    const lens = preview.body.lines.find((l: { inseeCode: string }) => l.inseeCode === LENS);
    expect(lens.explanation.map((e: { criterion: string }) => e.criterion).sort()).toEqual([
      'population',
      'qpvPopulation',
    ]);
    expect(
      await t.http
        .get(`/api/v1/programmes/${programmeId}/allocations`)
        .set(manager.auth)
        .then((r) => r.body.data),
    ).toEqual([]);

    const committed = await post(`/programmes/${programmeId}/allocations`, request).expect(201);
    expect(committed.body).toMatchObject({ dryRun: false, version: 1 });
    expect(committed.body.lines.map((l: { total: number }) => l.total)).toEqual(totals);

    const v2 = await post(`/programmes/${programmeId}/allocations`, {
      ...request,
      weights: { population: 1 },
    }).expect(201);
    expect(v2.body.version).toBe(2);
    expect(
      v2.body.lines.find((l: { inseeCode: string }) => l.inseeCode === LENS).change,
    ).toBeLessThan(0);
    const versions = await t.http
      .get(`/api/v1/programmes/${programmeId}/allocations`)
      .set(manager.auth)
      .expect(200);
    expect(
      versions.body.data.map((v: { version: number; supersededAt: string | null }) => [
        v.version,
        v.supersededAt === null,
      ]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);

    const tooFew = await post(`/programmes/${programmeId}/allocations?dryRun=true`, {
      ...request,
      totalCarnets: 300,
    }).expect(422);
    expect(tooFew.body.code).toBe('ALLOCATION_TOTAL_BELOW_FIXED_PARTS');
    const tooMany = await post(`/programmes/${programmeId}/allocations?dryRun=true`, {
      ...request,
      totalCarnets: 5000,
    }).expect(422);
    expect(tooMany.body.code).toBe('ALLOCATION_EXCEEDS_BUDGET');
  });

  it('shows the budget allocated and remaining, split between funders to the cent', async () => {
    const budget = await t.http
      .get(`/api/v1/programmes/${programmeId}/budget`)
      .set(manager.auth)
      .expect(200);
    expect(budget.body).toMatchObject({
      budgetCents: 48_000_000,
      allocatedCents: 40_000_000,
      remainingCents: 8_000_000,
    });
    const byFunder = budget.body.byFunder as {
      budgetCents: number;
      allocatedCents: number;
      remainingCents: number;
    }[];
    expect(byFunder.reduce((s, f) => s + f.allocatedCents, 0)).toBe(40_000_000);
    expect(byFunder.reduce((s, f) => s + f.remainingCents, 0)).toBe(8_000_000);
    expect(byFunder.map((f) => f.allocatedCents)).toEqual([26_000_000, 8_400_000, 5_600_000]);
    for (const f of byFunder) expect(f.allocatedCents + f.remainingCents).toBe(f.budgetCents);
  });

  it('lets a commune referent read its own commune only, and a funder the programmes it funds', async () => {
    const referent = await login(t.http, 'referent@lens.fr', 'referente-inclusion');
    const communes = await t.http
      .get('/api/v1/communes?pageSize=100')
      .set(referent.auth)
      .expect(200);
    expect(communes.body.data.map((c: { inseeCode: string }) => c.inseeCode)).toEqual([LENS]);
    await t.http.get(`/api/v1/communes/${LIEVIN}`).set(referent.auth).expect(404);
    await t.http.get(`/api/v1/communes/${LIEVIN}/referents`).set(referent.auth).expect(404);
    const current = await t.http
      .get(`/api/v1/programmes/${programmeId}/allocations/current`)
      .set(referent.auth)
      .expect(200);
    expect(current.body.lines.map((l: { inseeCode: string }) => l.inseeCode)).toEqual([LENS]);
    const enrolments = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments`)
      .set(referent.auth)
      .expect(200);
    expect(enrolments.body.data).toHaveLength(1);
    await post(`/programmes/${programmeId}/allocations?dryRun=true`, {})
      .set(referent.auth)
      .expect(403);
    await t.http
      .post(`/api/v1/programmes/${programmeId}/allocations?dryRun=true`)
      .set(referent.auth)
      .send({ totalCarnets: 4000, fixedPerCommune: 10, weights: {} })
      .expect(403);

    // A viewer of the State (a funder of the programme) sees it; a viewer of another funder does not.
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const bank = await post('/funders', { name: 'Banque des Territoires', kind: 'BANK' }).expect(
      201,
    );
    const state = await t.http
      .get(`/api/v1/funders/${funders.state}`)
      .set(manager.auth)
      .expect(200);
    for (const [email, organisationId] of [
      ['viewer@etat.fr', state.body.organisationId],
      ['viewer@banque.fr', bank.body.organisationId],
    ]) {
      await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          email,
          displayName: email,
          password: 'lecture-seule-123',
          role: 'FUNDER_VIEWER',
          organisationId,
        })
        .expect(201);
    }
    const stateViewer = await login(t.http, 'viewer@etat.fr', 'lecture-seule-123');
    await t.http.get(`/api/v1/programmes/${programmeId}`).set(stateViewer.auth).expect(200);
    const budget = await t.http
      .get(`/api/v1/programmes/${programmeId}/budget`)
      .set(stateViewer.auth)
      .expect(200);
    expect(budget.body.budgetCents).toBe(48_000_000);
    const stateLines = await t.http
      .get(`/api/v1/programmes/${programmeId}/allocations/current`)
      .set(stateViewer.auth)
      .expect(200);
    expect(stateLines.body.lines).toHaveLength(36);
    expect(stateLines.body.totals.total).toBe(4000);
    // A funder reads the communes and their dates, not commune staff's names and e-mails…
    const funded = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments`)
      .set(stateViewer.auth)
      .expect(200);
    expect(funded.body.data).toHaveLength(36);
    const lensEnrolment = funded.body.data.find((e: { inseeCode: string }) => e.inseeCode === LENS);
    expect(lensEnrolment).toMatchObject({ communeName: 'Lens', deliberationDate: '2025-11-18' });
    expect(JSON.stringify(funded.body)).not.toContain('referent@lens.fr');
    expect(lensEnrolment.referents).toEqual([]);
    const ownerView = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments`)
      .set(manager.auth)
      .expect(200);
    expect(JSON.stringify(ownerView.body)).toContain('referent@lens.fr');
    expect(enrolments.body.data[0].referents[0].email).toBe('referent@lens.fr');
    // …and the délibération of an enrolled commune (a public act), or a truthful 404.
    await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(stateViewer.auth)
      .expect(200)
      .expect('Content-Type', /application\/pdf/);
    const noDocument = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LIEVIN}/deliberation`)
      .set(stateViewer.auth)
      .expect(404);
    expect(noDocument.body.code).toBe('DOCUMENT_NOT_FOUND');
    expect(noDocument.body.detail).not.toContain('has not joined');
    // A référent reads their own commune's délibération only.
    await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(referent.auth)
      .expect(200);
    const notTheirs = await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LIEVIN}/deliberation`)
      .set(referent.auth)
      .expect(404);
    expect(notTheirs.body.code).toBe('ENROLMENT_NOT_FOUND');
    const bankViewer = await login(t.http, 'viewer@banque.fr', 'lecture-seule-123');
    const hidden = await t.http
      .get(`/api/v1/programmes/${programmeId}`)
      .set(bankViewer.auth)
      .expect(404);
    expect(hidden.body.code).toBe('PROGRAMME_NOT_FOUND');
    await t.http.get(`/api/v1/programmes/${programmeId}/budget`).set(bankViewer.auth).expect(404);
    await t.http
      .get(`/api/v1/programmes/${programmeId}/enrolments/${LENS}/deliberation`)
      .set(bankViewer.auth)
      .expect(404);
    const visible = await t.http.get('/api/v1/programmes').set(bankViewer.auth).expect(200);
    expect(visible.body.meta.total).toBe(0);
    const funderList = await t.http.get('/api/v1/funders').set(bankViewer.auth).expect(200);
    expect(funderList.body.data.map((f: { name: string }) => f.name)).toEqual([
      'Banque des Territoires',
    ]);
    await post('/funders', { name: 'Nope', kind: 'BANK' }).set(bankViewer.auth).expect(403);
  });

  it('records every change in the audit log', async () => {
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const events = await t.http
      .get(
        `/api/v1/audit-events?filter[entityType]=programme&filter[entityId]=${programmeId}&pageSize=100&sort=id`,
      )
      .set(admin.auth)
      .expect(200);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual([
      'programme.created',
      'programme.funding-shares-set',
      'programme.activated',
      'programme.updated',
      'programme.criteria-set',
      'allocation.committed',
      'allocation.committed',
    ]);
    const updated = events.body.data.find(
      (e: { action: string }) => e.action === 'programme.updated',
    );
    expect(updated.before).toMatchObject({ sepaFormat: 'pain.001.001.09' });
    expect(updated.after).toMatchObject({ sepaFormat: 'pain.001.001.03' });
  });
});
