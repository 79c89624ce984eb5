import { QUALIFICATION_CRITERIA } from '@carnet/domain';
import type { CreateVenueDto } from '#src/venues/dto/venue.dto.js';
import { QualificationService } from '#src/venues/qualification.service.js';
import {
  createProgramme,
  createVenue,
  importCommunes,
  LENS,
  LIEVIN,
  principalOf,
} from './factories.js';
import { bootApp, type TestApp } from './utils.js';

const AVION = '62065';
const PROCEDURES = 'Aide aux démarches administratives';
const DEVICES = 'Maîtrise des outils numériques du quotidien';
const LEISURE = 'Loisirs et créations numériques';
const IBAN = 'FR7630006000011234567890189';

/** What a venue of the public page shows: its public listing, and nothing else. */
const VENUE_KEYS = [
  'accessModalities',
  'address',
  'communeName',
  'email',
  'id',
  'inseeCode',
  'itinerant',
  'latitude',
  'longitude',
  'name',
  'openingHours',
  'phone',
  'postalCode',
  'services',
  'website',
];

/** The public page « Où utiliser mon Pass numérique ? »: programmes and venues, no login. */
describe('public page: programmes and their venues (e2e)', () => {
  let t: TestApp;
  let programmeId: string;
  let draftId: string;
  const ids: Record<string, string> = {};

  type Status = 'QUALIFIED' | 'SUSPENDED' | 'APPLIED';
  const venue = async (input: Partial<CreateVenueDto>, status: Status = 'QUALIFIED') => {
    const created = await createVenue(
      t,
      {
        pivot: '21620000605774',
        address: '1 place de la République',
        postalCode: '62300',
        communeName: 'Lens',
        inseeCode: LENS,
        itinerance: ['Fixe'],
        services: [PROCEDURES],
        name: 'Lieu',
        ...input,
      },
      { holderName: 'COMMUNE DE LENS', iban: IBAN, bic: 'AGRIFRPP' },
    );
    if (status !== 'APPLIED') {
      const actor = await principalOf(t, 'manager@demo.carnet.fr');
      const qualification = t.app.get(QualificationService);
      await qualification.decide(actor, created.id, {
        status: 'UNDER_REVIEW',
        reason: 'Dossier complet.',
        checklist: [],
      });
      await qualification.decide(actor, created.id, {
        status: 'QUALIFIED',
        reason: 'Tous les critères sont remplis.',
        checklist: QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true })),
      });
      if (status === 'SUSPENDED') {
        await qualification.decide(actor, created.id, {
          status: 'SUSPENDED',
          reason: 'Contrôle en cours.',
          checklist: [],
        });
      }
    }
    ids[input.name!] = created.id;
  };

  const get = (path: string) => t.http.get(`/api/v1/public/programmes${path}`);
  const names = async (query: string) => {
    const res = await get(`/${programmeId}/venues${query}`).expect(200);
    return (res.body.data as { name: string }[]).map((v) => v.name);
  };

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    programmeId = (
      await createProgramme(t, {
        enrol: [LIEVIN, LENS],
        programme: { name: 'Pass Lens-Liévin', payableServices: [DEVICES, PROCEDURES] },
      })
    ).id;
    draftId = (
      await createProgramme(t, {
        draft: true,
        enrol: [LENS],
        programme: { name: 'Pass brouillon' },
      })
    ).id;

    await venue({
      name: 'EPN Lens',
      services: [LEISURE, PROCEDURES],
      latitude: 50.43,
      longitude: 2.833,
      horaires: 'Mo-Fr 09:00-12:00',
      phone: '03 21 00 00 00',
      email: 'epn@lens.fr',
      website: 'https://www.lens.fr/epn',
      accessModalities: ['Se présenter', 'Téléphoner'],
      addressComplement: 'Bâtiment B',
    });
    // Based in Liévin, visiting Lens and Avion.
    await venue({
      name: 'Bus numérique',
      inseeCode: LIEVIN,
      communeName: 'Liévin',
      postalCode: '62800',
      itinerance: ['Itinérant'],
      servedInseeCodes: [LENS, AVION],
      services: [DEVICES],
    });
    await venue({
      name: 'Médiathèque de Liévin',
      inseeCode: LIEVIN,
      communeName: 'Liévin',
      postalCode: '62800',
      services: [PROCEDURES, DEVICES],
    });
    // Never on the page: not qualified yet, suspended, in a commune not enrolled, nothing payable.
    await venue({ name: 'Lieu en cours de qualification' }, 'APPLIED');
    await venue({ name: 'Lieu suspendu' }, 'SUSPENDED');
    await venue({ name: 'EPN Avion', inseeCode: AVION, communeName: 'Avion', postalCode: '62210' });
    await venue({ name: 'Club loisirs', services: [LEISURE] });
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('lists the active programmes only, without login', async () => {
    const res = await get('').expect(200);
    expect(res.body).toEqual({
      data: [
        {
          id: programmeId,
          name: 'Pass Lens-Liévin',
          territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
        },
      ],
    });
  });

  it('gives an active programme with its enrolled communes and the services it pays for', async () => {
    const res = await get(`/${programmeId}`).expect(200);
    expect(res.body).toEqual({
      id: programmeId,
      name: 'Pass Lens-Liévin',
      territoryLabel: "Communauté d'agglomération de Lens-Liévin (36 communes)",
      communes: [
        { inseeCode: LENS, name: 'Lens' },
        { inseeCode: LIEVIN, name: 'Liévin' },
      ],
      // The national schema's order, not the programme's.
      services: [PROCEDURES, DEVICES],
    });
  });

  it('lists the qualified venues serving the programme, with their public listing only', async () => {
    const res = await get(`/${programmeId}/venues`).expect(200);
    expect(res.body.data.map((v: { name: string }) => v.name)).toEqual([
      'EPN Lens',
      'Bus numérique',
      'Médiathèque de Liévin',
    ]);
    for (const v of res.body.data) expect(Object.keys(v).sort()).toEqual(VENUE_KEYS);
    expect(res.body.data[0]).toEqual({
      id: ids['EPN Lens'],
      name: 'EPN Lens',
      address: '1 place de la République, Bâtiment B',
      postalCode: '62300',
      communeName: 'Lens',
      inseeCode: LENS,
      latitude: 50.43,
      longitude: 2.833,
      itinerant: false,
      openingHours: 'Mo-Fr 09:00-12:00',
      phone: '03 21 00 00 00',
      email: 'epn@lens.fr',
      website: 'https://www.lens.fr/epn',
      accessModalities: ['Se présenter', 'Téléphoner'],
      // Leisure is offered there, but the programme does not pay for it.
      services: [PROCEDURES],
    });
    expect(res.body.data[1]).toMatchObject({
      itinerant: true,
      latitude: null,
      services: [DEVICES],
    });
    // No bank details, no staff, no qualification history: nothing but the listing.
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/FR76|AGRIFRPP|COMMUNE DE LENS|@demo\.carnet\.fr|qualif|Dossier/i);
  });

  it('filters by commune (venues in it and those visiting it) and by need', async () => {
    expect(await names(`?commune=${LENS}`)).toEqual(['EPN Lens', 'Bus numérique']);
    expect(await names(`?commune=${LIEVIN}`)).toEqual(['Bus numérique', 'Médiathèque de Liévin']);
    expect(await names(`?commune=${AVION}`)).toEqual(['Bus numérique']);
    expect(await names(`?need=${encodeURIComponent(DEVICES)}`)).toEqual([
      'Bus numérique',
      'Médiathèque de Liévin',
    ]);
    expect(await names(`?commune=${LENS}&need=${encodeURIComponent(PROCEDURES)}`)).toEqual([
      'EPN Lens',
    ]);
    // Offered by venues, but not paid for by the programme: nowhere to use the pass for it.
    expect(await names(`?need=${encodeURIComponent(LEISURE)}`)).toEqual([]);
  });

  it('refuses filters that are not a commune code or a service of the national list', async () => {
    for (const query of ['?commune=Lens', `?need=${encodeURIComponent('Cours de cuisine')}`]) {
      const res = await get(`/${programmeId}/venues${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 404 for an unknown programme and for one that is not active', async () => {
    for (const id of ['9b0c4c36-5d38-4a43-9a53-8d3bd9a3f1a2', draftId]) {
      for (const path of [`/${id}`, `/${id}/venues`]) {
        const res = await get(path).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('PROGRAMME_NOT_FOUND');
        // A 404 is not kept by caches: the programme may be activated the next minute.
        expect(res.headers['cache-control'] ?? '').not.toMatch(/max-age/);
      }
    }
    expect((await get('/lens-2026/venues').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lets caches keep an answer five minutes and revalidate it with its ETag', async () => {
    const first = await get(`/${programmeId}/venues?commune=${LENS}`).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    await get(`/${programmeId}/venues?commune=${LENS}`).set('If-None-Match', etag).expect(304);
    // Another answer, another tag.
    const other = await get(`/${programmeId}/venues?commune=${LIEVIN}`).expect(200);
    expect(other.headers.etag).not.toBe(etag);
    expect((await get('').expect(200)).headers['cache-control']).toBe('public, max-age=300');
  });
});

/** With the production-like limit set low: the public routes are throttled per client address. */
describe('public page throttling (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ config: { AUTH_THROTTLE_LIMIT: '3', TRUST_PROXY: '1' }, seed: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with a problem and Retry-After past the limit, for that address only', async () => {
    const from = (ip: string) => t.http.get('/api/v1/public/programmes').set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) await from('203.0.113.7').expect(200);
    const refused = await from('203.0.113.7').expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await from('203.0.113.8').expect(200);
  });
});
