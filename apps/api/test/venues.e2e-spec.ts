import { QUALIFICATION_CRITERIA } from '@carnet/domain';
import { SCHEMA_ENUMS } from '#src/venues/dto/venue.dto.js';
import { ACCEPTS_PASS_COLUMN, SCHEMA_COLUMNS } from '#src/venues/open-data.service.js';
import { BankAccountsService } from '#src/venues/bank-accounts.service.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const ALL_MET = QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true }));

const newVenue = {
  name: 'Atelier numérique de Harnes',
  pivot: '73282932000074',
  address: '5 rue Victor Hugo',
  postalCode: '62440',
  communeName: 'Harnes',
  inseeCode: '62413',
  latitude: 50.4457,
  longitude: 2.9055,
  typologies: ['ASSO'],
  itinerance: ['Fixe'],
  horaires: 'Mo-Fr 09:00-12:00',
  services: ['Aide aux démarches administratives'],
  publics: ['Seniors', 'Jeunes'],
  fees: ['Gratuit'],
  accessModalities: ['Se présenter'],
  supportModalities: ['Dans un atelier collectif'],
};

describe('venues (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let finance: Session;
  let finance2: Session;

  beforeAll(async () => {
    t = await bootApp();
    manager = await login(t.http, 'manager@demo.carnet.fr');
    finance = await login(t.http, 'finance@demo.carnet.fr');
    finance2 = await login(t.http, 'finance2@demo.carnet.fr');
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('has the demo venues: a dozen, most qualified, one suspended, one bank account pending', async () => {
    const all = await t.http.get('/api/v1/venues?pageSize=50').set(manager.auth).expect(200);
    expect(all.body.meta.total).toBe(12);
    const statuses = all.body.data.map(
      (v: { qualificationStatus: string }) => v.qualificationStatus,
    );
    expect(statuses.filter((s: string) => s === 'QUALIFIED').length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((s: string) => s === 'SUSPENDED')).toHaveLength(1);
    const itinerant = await t.http
      .get('/api/v1/venues?filter[itinerance]=Itinérant')
      .set(manager.auth)
      .expect(200);
    expect(itinerant.body.data[0].servedInseeCodes.length).toBeGreaterThan(0);
    const queue = await t.http.get('/api/v1/bank-accounts/pending').set(finance.auth).expect(200);
    expect(queue.body.data).toHaveLength(1);
  });

  it('creates a venue (APPLIED), refusing a bad SIRET and values outside the schema', async () => {
    const badPivot = await t.http
      .post('/api/v1/venues')
      .set(manager.auth)
      .send({ ...newVenue, pivot: '73282932000075' })
      .expect(422);
    expect(badPivot.body.code).toBe('INVALID_PIVOT');
    const badEnum = await t.http
      .post('/api/v1/venues')
      .set(manager.auth)
      .send({ ...newVenue, services: ['Réparation de vélos'] })
      .expect(400);
    expect(badEnum.body.errors[0].field).toBe('services');
    const created = await t.http
      .post('/api/v1/venues')
      .set(manager.auth)
      .send(newVenue)
      .expect(201);
    expect(created.body).toMatchObject({ qualificationStatus: 'APPLIED', acceptsPass: false });
  });

  it('qualifies through review with a full checklist; a suspension applies at once', async () => {
    const venue = (
      await t.http
        .post('/api/v1/venues')
        .set(manager.auth)
        .send({ ...newVenue, pivot: 'W623009876' })
        .expect(201)
    ).body;
    const decide = (status: string, checklist = ALL_MET) =>
      t.http
        .post(`/api/v1/venues/${venue.id}/qualification`)
        .set(manager.auth)
        .send({ status, reason: 'Décision de test', checklist });

    const skip = await decide('QUALIFIED').expect(409);
    expect(skip.body.code).toBe('QUALIFICATION_TRANSITION_NOT_ALLOWED');
    await decide('UNDER_REVIEW', []).expect(200);
    const incomplete = await decide('QUALIFIED', ALL_MET.slice(1)).expect(422);
    expect(incomplete.body.code).toBe('QUALIFICATION_CHECKLIST_INCOMPLETE');
    expect(incomplete.body.detail).toContain('LEGAL_IDENTITY_CHECKED');
    const qualified = await decide('QUALIFIED').expect(200);
    expect(qualified.body.status).toBe('QUALIFIED');
    expect(
      (await t.http.get(`/api/v1/venues/${venue.id}`).set(manager.auth)).body.acceptsPass,
    ).toBe(true);

    await decide(
      'SUSPENDED',
      ALL_MET.map((i) => ({ ...i, met: i.criterion !== 'CHARTER_SIGNED' })),
    ).expect(200);
    const suspended = await t.http
      .get(`/api/v1/venues/${venue.id}/qualification`)
      .set(manager.auth)
      .expect(200);
    expect(suspended.body.status).toBe('SUSPENDED');
    expect(suspended.body.history.map((d: { toStatus: string }) => d.toStatus)).toEqual([
      'SUSPENDED',
      'QUALIFIED',
      'UNDER_REVIEW',
    ]);
    expect(suspended.body.history[0]).toMatchObject({
      decidedByLabel: 'manager@demo.carnet.fr',
      reason: 'Décision de test',
    });
    expect(
      (await t.http.get(`/api/v1/venues/${venue.id}`).set(manager.auth)).body.acceptsPass,
    ).toBe(false);
  });

  it('keeps four eyes on bank details, normalises the IBAN, and keeps the history', async () => {
    const venue = (
      await t.http
        .post('/api/v1/venues')
        .set(manager.auth)
        .send({ ...newVenue, pivot: 'W623005555' })
        .expect(201)
    ).body;
    const badIban = await t.http
      .put(`/api/v1/venues/${venue.id}/bank-account`)
      .set(finance.auth)
      .send({
        holderName: 'ATELIER',
        iban: 'FR76 1513 5621 0004 0000 0000 093',
        bic: 'CEPAFRPP627',
      })
      .expect(422);
    expect(badIban.body.code).toBe('INVALID_IBAN');
    const entered = await t.http
      .put(`/api/v1/venues/${venue.id}/bank-account`)
      .set(finance.auth)
      .send({
        holderName: 'ATELIER NUMERIQUE',
        iban: 'fr76 1513 5621 0004 0000 0000 092',
        bic: 'cepafrpp627',
      })
      .expect(200);
    expect(entered.body).toMatchObject({
      status: 'PENDING',
      iban: 'FR7615135621000400000000092',
      bic: 'CEPAFRPP627',
    });

    // Nothing to check the details against yet: verifying is refused, rejecting is not.
    const noRib = await t.http
      .post(`/api/v1/venues/${venue.id}/bank-account/decision`)
      .set(finance2.auth)
      .send({ status: 'VERIFIED' })
      .expect(409);
    expect(noRib.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noRib.body.code).toBe('BANK_ACCOUNT_DOCUMENT_MISSING');
    const noDocument = await t.http
      .get(`/api/v1/venues/${venue.id}/bank-account/document`)
      .set(finance2.auth)
      .expect(409);
    expect(noDocument.body.code).toBe('BANK_ACCOUNT_DOCUMENT_MISSING');
    const head = '%PDF-1.4\n% RIB\n';
    const rib = Buffer.from(
      `${head}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n${Buffer.byteLength(head)}\n%%EOF\n`,
    );
    await t.http
      .put(`/api/v1/venues/${venue.id}/bank-account/document`)
      .set(finance.auth)
      .set('Content-Type', 'application/pdf')
      .send(rib)
      .expect(200);
    // The verifying officer reads the RIB itself, beside the details.
    const document = await t.http
      .get(`/api/v1/venues/${venue.id}/bank-account/document`)
      .set(finance2.auth)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-disposition']).toMatch(/^inline; filename="rib-/);
    expect((document.body as Buffer).equals(rib)).toBe(true);
    await t.http
      .get(`/api/v1/venues/${venue.id}/bank-account/document`)
      .set(manager.auth)
      .expect(403);

    const sameEyes = await t.http
      .post(`/api/v1/venues/${venue.id}/bank-account/decision`)
      .set(finance.auth)
      .send({ status: 'VERIFIED' })
      .expect(403);
    expect(sameEyes.body.code).toBe('FOUR_EYES_REQUIRED');
    const payable = t.app.get(BankAccountsService);
    await expect(payable.payableAccount(venue.id)).rejects.toMatchObject({
      code: 'NO_PAYABLE_BANK_ACCOUNT',
    });

    await t.http
      .post(`/api/v1/venues/${venue.id}/bank-account/decision`)
      .set(finance2.auth)
      .send({ status: 'VERIFIED' })
      .expect(200);
    expect((await payable.payableAccount(venue.id)).iban).toBe('FR7615135621000400000000092');

    // Any change goes back to PENDING: the verified account stops being payable at once.
    await t.http
      .put(`/api/v1/venues/${venue.id}/bank-account`)
      .set(finance2.auth)
      .send({
        holderName: 'ATELIER NUMERIQUE',
        iban: 'FR76 1513 5621 0104 0000 0791 985',
        bic: 'CEPAFRPP627',
      })
      .expect(200);
    await expect(payable.payableAccount(venue.id)).rejects.toMatchObject({
      code: 'NO_PAYABLE_BANK_ACCOUNT',
    });
    const history = await t.http
      .get(`/api/v1/venues/${venue.id}/bank-account`)
      .set(finance.auth)
      .expect(200);
    expect(
      history.body.history.map((a: { status: string; validTo: string | null }) => [
        a.status,
        a.validTo === null,
      ]),
    ).toEqual([
      ['PENDING', true],
      ['VERIFIED', false],
    ]);
    const reject = await t.http
      .post(`/api/v1/venues/${venue.id}/bank-account/decision`)
      .set(finance.auth)
      .send({ status: 'REJECTED', reason: 'Titulaire différent du RIB' })
      .expect(200);
    expect(reject.body.status).toBe('REJECTED');
    const again = await t.http
      .post(`/api/v1/venues/${venue.id}/bank-account/decision`)
      .set(finance2.auth)
      .send({ status: 'VERIFIED' })
      .expect(409);
    expect(again.body.code).toBe('BANK_ACCOUNT_ALREADY_DECIDED');
  });

  it('decides only on the bank details and the RIB the officer read', async () => {
    const venue = (
      await t.http
        .post('/api/v1/venues')
        .set(manager.auth)
        .send({ ...newVenue, pivot: 'W623006666' })
        .expect(201)
    ).body;
    const enter = (iban: string) =>
      t.http
        .put(`/api/v1/venues/${venue.id}/bank-account`)
        .set(finance.auth)
        .send({ holderName: 'ATELIER NUMERIQUE', iban, bic: 'CEPAFRPP627' })
        .expect(200);
    const attach = async (text: string) => {
      const head = `%PDF-1.4\n% ${text}\n`;
      const pdf = Buffer.from(
        `${head}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n${Buffer.byteLength(head)}\n%%EOF\n`,
      );
      return (
        await t.http
          .put(`/api/v1/venues/${venue.id}/bank-account/document`)
          .set(finance.auth)
          .set('Content-Type', 'application/pdf')
          .send(pdf)
          .expect(200)
      ).body as { id: string; documentId: string | null };
    };
    const decide = (body: Record<string, unknown>) =>
      t.http.post(`/api/v1/venues/${venue.id}/bank-account/decision`).set(finance2.auth).send(body);

    const first = (await enter('FR76 1513 5621 0004 0000 0000 092')).body as { id: string };
    const read = await attach('RIB 1');
    expect(read).toMatchObject({ id: first.id, documentId: expect.any(String) });
    // The venue attaches another RIB while the officer looks at the first one.
    const second = await attach('RIB 2');
    expect(second.documentId).not.toBe(read.documentId);
    const stale = await decide({
      status: 'VERIFIED',
      bankAccountId: read.id,
      documentId: read.documentId,
    }).expect(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.code).toBe('BANK_ACCOUNT_CHANGED');
    // …or enters other details: the ones read are no longer those to decide on.
    const other = (await enter('FR76 1513 5621 0104 0000 0791 985')).body as { id: string };
    expect(other.id).not.toBe(first.id);
    const withRib = await attach('RIB 3');
    expect(
      (
        await decide({
          status: 'REJECTED',
          reason: 'Pas le bon titulaire',
          bankAccountId: first.id,
          documentId: withRib.documentId,
        }).expect(409)
      ).body.code,
    ).toBe('BANK_ACCOUNT_CHANGED');
    // Nothing was decided by the refusals; the details read now are verified.
    const verified = await decide({
      status: 'VERIFIED',
      bankAccountId: other.id,
      documentId: withRib.documentId,
    }).expect(200);
    expect(verified.body).toMatchObject({ id: other.id, status: 'VERIFIED' });
  });

  it('lets venue staff edit their own venue only, not its SIRET, and shows them a masked IBAN', async () => {
    const staff = await login(t.http, 'venue@demo.carnet.fr');
    const own = await t.http.get('/api/v1/venues').set(staff.auth).expect(200);
    expect(own.body.data).toHaveLength(1);
    const venueId = own.body.data[0].id;
    await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(staff.auth)
      .send({ horaires: 'Mo-Sa 09:00-18:00' })
      .expect(200);
    const pivot = await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(staff.auth)
      .send({ pivot: '73282932000074' })
      .expect(403);
    expect(pivot.body.code).toBe('FIELD_NOT_SELF_SERVICE');
    const other = await t.http.get('/api/v1/venues?pageSize=50').set(manager.auth);
    const otherId = other.body.data.find((v: { id: string }) => v.id !== venueId).id;
    await t.http.get(`/api/v1/venues/${otherId}`).set(staff.auth).expect(404);
    await t.http
      .patch(`/api/v1/venues/${otherId}`)
      .set(staff.auth)
      .send({ horaires: 'Mo 09:00-10:00' })
      .expect(404);
    await t.http
      .post(`/api/v1/venues/${venueId}/qualification`)
      .set(staff.auth)
      .send({ status: 'SUSPENDED', reason: 'x', checklist: [] })
      .expect(403);
    const bank = await t.http
      .get(`/api/v1/venues/${venueId}/bank-account`)
      .set(staff.auth)
      .expect(200);
    expect(bank.body.current.iban).toMatch(/^FR76•+0092$/);
  });

  it('never lets venue staff widen their territory: commune, served communes, services, identity', async () => {
    const staff = await login(t.http, 'venue@demo.carnet.fr');
    const before = (await t.http.get('/api/v1/venues').set(staff.auth).expect(200)).body.data[0];
    const venueId: string = before.id;
    const widen = {
      inseeCode: '62498',
      communeName: 'Lens',
      postalCode: '62300',
      servedInseeCodes: [...before.servedInseeCodes, '62498', '62065'],
      services: [...SCHEMA_ENUMS.services],
      pivot: 'W623000001',
    };
    for (const [field, value] of Object.entries(widen)) {
      const refused = await t.http
        .patch(`/api/v1/venues/${venueId}`)
        .set(staff.auth)
        .send({ [field]: value, summary: 'Tentative' })
        .expect(403);
      expect(refused.body).toMatchObject({
        code: 'FIELD_NOT_SELF_SERVICE',
        errors: [{ field }],
      });
    }
    const all = await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(staff.auth)
      .send(widen)
      .expect(403);
    expect(all.body.errors.map((e: { field: string }) => e.field)).toEqual(
      Object.keys(widen).sort(),
    );
    // Sending back unchanged values (a form saving the whole record) is not a change.
    await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(staff.auth)
      .send({
        inseeCode: before.inseeCode,
        servedInseeCodes: [...before.servedInseeCodes].reverse(),
        services: before.services,
        phone: '03 21 00 00 00',
      })
      .expect(200);
    const after = (await t.http.get(`/api/v1/venues/${venueId}`).set(staff.auth).expect(200)).body;
    for (const field of Object.keys(widen)) expect(after[field]).toEqual(before[field]);
    expect(after).toMatchObject({ phone: '03 21 00 00 00', summary: before.summary });

    // Nor another venue's: it stays invisible to them.
    const other = (await t.http.get('/api/v1/venues?pageSize=50').set(manager.auth)).body.data.find(
      (v: { id: string }) => v.id !== venueId,
    );
    await t.http
      .patch(`/api/v1/venues/${other.id}`)
      .set(staff.auth)
      .send({ servedInseeCodes: ['62498'] })
      .expect(404);
    expect(
      (await t.http.get(`/api/v1/venues/${other.id}`).set(manager.auth)).body.servedInseeCodes,
    ).toEqual(other.servedInseeCodes);

    // The programme manager changes them.
    const moved = await t.http
      .patch(`/api/v1/venues/${venueId}`)
      .set(manager.auth)
      .send({ servedInseeCodes: ['62065'] })
      .expect(200);
    expect(moved.body.servedInseeCodes).toEqual(['62065']);
  });

  it('publishes open data in the national schema: column names and enum values as the schema spells them', async () => {
    const known = (await t.http.get('/api/v1/venues?pageSize=100').set(manager.auth)).body.data as {
      qualificationStatus: string;
    }[];
    const published = known.filter((v) =>
      ['QUALIFIED', 'SUSPENDED'].includes(v.qualificationStatus),
    );
    const suspended = known.filter((v) => v.qualificationStatus === 'SUSPENDED');
    const page = await t.http.get('/api/v1/public/venues?pageSize=5').expect(200);
    expect(page.headers['cache-control']).toContain('max-age');
    expect(page.body.meta.total).toBe(published.length);
    const json = await t.http.get('/api/v1/public/venues.json').expect(200);
    const rows = json.body as Record<string, unknown>[];
    expect(rows).toHaveLength(published.length);
    const multi = {
      services: SCHEMA_ENUMS.services,
      typologie: SCHEMA_ENUMS.typologies,
      itinerance: SCHEMA_ENUMS.itinerance,
      publics_specifiquement_adresses: SCHEMA_ENUMS.publics,
      frais_a_charge: SCHEMA_ENUMS.fees,
      modalites_acces: SCHEMA_ENUMS.accessModalities,
      modalites_accompagnement: SCHEMA_ENUMS.supportModalities,
    };
    for (const row of rows) {
      for (const key of Object.keys(row))
        expect([...SCHEMA_COLUMNS, ACCEPTS_PASS_COLUMN]).toContain(key);
      for (const [column, allowed] of Object.entries(multi)) {
        const cell = row[column];
        if (typeof cell !== 'string') continue;
        for (const value of cell.split('|')) expect(allowed).toContain(value);
      }
      expect(row.date_maj).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(rows.filter((r) => r[ACCEPTS_PASS_COLUMN] === false)).toHaveLength(suspended.length);
    const liévin = rows.find((r) => r.nom === 'Espace public numérique de Liévin')!;
    expect(liévin).toMatchObject({
      commune: 'Liévin',
      code_postal: '62800',
      code_insee: '62510',
      [ACCEPTS_PASS_COLUMN]: true,
    });
    expect(liévin.services).toBe(
      'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|Utilisation sécurisée du numérique',
    );

    const csv = await t.http.get('/api/v1/public/venues.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = csv.text.trim().split('\n');
    expect(header.split(',')).toEqual([...SCHEMA_COLUMNS, ACCEPTS_PASS_COLUMN]);
    expect(lines).toHaveLength(published.length);
  });

  it('imports a national-schema CSV all or nothing, with line-level errors', async () => {
    const header =
      'id,pivot,nom,commune,code_postal,adresse,date_maj,services,itinerance,frais_a_charge';
    const good =
      'a1,73282932000074,Point Relais Numérique,Avion,62210,1 rue de Lens,2026-10-01,Aide aux démarches administratives,Fixe,Gratuit';
    const bad =
      'a2,73282932000075,Lieu Faux,Avion,62210,2 rue de Lens,2026-10-01,Cours de cuisine,Fixe,Gratuit';
    const refused = await t.http
      .post('/api/v1/venues/import')
      .set(manager.auth)
      .set('Content-Type', 'text/csv')
      .send([header, good, bad].join('\n'))
      .expect(422);
    expect(refused.body.code).toBe('VENUE_IMPORT_INVALID');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['line 3']);
    const before = (await t.http.get('/api/v1/venues').set(manager.auth)).body.meta.total;
    const imported = await t.http
      .post('/api/v1/venues/import')
      .set(manager.auth)
      .set('Content-Type', 'text/csv')
      .send([header, good].join('\n'))
      .expect(200);
    expect(imported.body).toEqual({ created: 1 });
    expect((await t.http.get('/api/v1/venues').set(manager.auth)).body.meta.total).toBe(before + 1);
  });
});
