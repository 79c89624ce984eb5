import { QUALIFICATION_CRITERIA } from '@carnet/domain';
import { ORIENTATION_SQL } from '#src/beneficiaries/orientation.repository.js';
import type { CreateVenueDto } from '#src/venues/dto/venue.dto.js';
import { QualificationService } from '#src/venues/qualification.service.js';
import {
  communeOrganisationId,
  createDemoAccount,
  createPrescriber,
  createProgramme,
  createVenue,
  importCommunes,
  LENS,
  LIEVIN,
  principalOf,
  signedInAgent,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const AVION = '62065';
const PROCEDURES = 'Aide aux démarches administratives';
const DEVICES = 'Maîtrise des outils numériques du quotidien';
const LEISURE = 'Loisirs et créations numériques';

/** Orientation of a beneficiary to the venues matching their diagnostic and commune. */
describe('orientation of a beneficiary (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let referent: Session;
  let lensAgent: Session;
  let lievinAgent: Session;
  let lensPerson: string;
  let avionPerson: string;
  let firstDiagnostic: string;

  const agentOf = (prescriberId: string, email: string) =>
    signedInAgent(t, manager, prescriberId, email);

  /** A venue, QUALIFIED unless told otherwise (through the real qualification steps). */
  const venue = async (input: Partial<CreateVenueDto>, qualified = true): Promise<string> => {
    const created = await createVenue(t, {
      pivot: '21620000605774',
      address: '1 place de la République',
      postalCode: '62300',
      communeName: 'Lens',
      inseeCode: LENS,
      itinerance: ['Fixe'],
      services: [PROCEDURES],
      name: 'Lieu',
      ...input,
    });
    if (qualified) {
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
    }
    return created.id;
  };

  const orient = (session: Session, id: string, query = '', status = 200) =>
    t.http.get(`/api/v1/beneficiaries/${id}/orientation${query}`).set(session.auth).expect(status);

  const diagnose = async (id: string, services: string[], procedures: string[] = []) =>
    (
      await t.http
        .post(`/api/v1/beneficiaries/${id}/diagnostics`)
        .set(lensAgent.auth)
        .send({ services, procedures, autonomy: 2, equipment: ['PHONE'] })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    await importCommunes(t);
    await createDemoAccount(t, 'commune@demo.carnet.fr', await communeOrganisationId(t, LENS));
    manager = await login(t.http, 'manager@demo.carnet.fr');
    referent = await login(t.http, 'commune@demo.carnet.fr');
    // Avion is eligible without being enrolled: a venue of Avion alone does not serve the programme.
    const programmeId = (
      await createProgramme(t, {
        enrol: [LENS, LIEVIN],
        programme: { eligibleInseeCodes: [LENS, LIEVIN, AVION] },
      })
    ).id;
    lensAgent = await agentOf((await createPrescriber(t)).id, 'agent.lens@example.org');
    const lievin = await createPrescriber(t, { name: 'CCAS de Liévin', inseeCode: LIEVIN });
    lievinAgent = await agentOf(lievin.id, 'agent.lievin@example.org');
    // The official geographic code has no coordinates: the centre of Lens is set here, Avion's not.
    await t.dataSource.query(
      `UPDATE commune SET latitude = 50.4322, longitude = 2.8333 WHERE insee_code = $1`,
      [LENS],
    );
    const register = async (inseeCode: string) =>
      (
        await t.http
          .post('/api/v1/beneficiaries')
          .set(lensAgent.auth)
          .send({
            programmeId,
            inseeCode,
            ageBand: '60_74',
            situation: 'RETRAITE',
            address: `${inseeCode} rue des Tests`,
          })
          .expect(201)
      ).body.id as string;
    lensPerson = await register(LENS);
    avionPerson = await register(AVION);

    // In Lens, offering the needed service: by distance, then those without coordinates by name.
    await venue({ name: 'Médiathèque du centre', latitude: 50.43, longitude: 2.833 });
    await venue({
      name: 'EPN Lens sud',
      latitude: 50.415,
      longitude: 2.8333,
      services: [DEVICES, PROCEDURES],
      accessModalities: ['Se présenter', 'Téléphoner'],
      horaires: 'Mo-Fr 09:00-12:00',
      phone: '03 21 00 00 00',
    });
    await venue({ name: 'Bibliothèque sans coordonnées' });
    await venue({ name: 'Antenne sans coordonnées' });
    // Based in Liévin, visiting Lens and Avion.
    await venue({
      name: 'Bus numérique',
      inseeCode: LIEVIN,
      communeName: 'Liévin',
      postalCode: '62800',
      latitude: 50.4229,
      longitude: 2.7787,
      itinerance: ['Itinérant'],
      servedInseeCodes: [LENS, AVION],
    });
    // Absent: not qualified, another service, another commune, not serving the programme.
    await venue({ name: 'Lieu en cours de qualification' }, false);
    await venue({ name: 'Fablab des loisirs', services: [LEISURE] });
    await venue({
      name: 'EPN de Liévin',
      inseeCode: LIEVIN,
      communeName: 'Liévin',
      postalCode: '62800',
    });
    await venue({
      name: "Tiers-lieu d'Avion",
      inseeCode: AVION,
      communeName: 'Avion',
      postalCode: '62210',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('needs a diagnostic', async () => {
    const refused = await orient(lensAgent, lensPerson, '', 422);
    expect(refused.body.code).toBe('DIAGNOSTIC_REQUIRED');
  });

  it('lists the qualified venues serving the programme, in or visiting the commune, offering a needed service, nearest first', async () => {
    firstDiagnostic = await diagnose(lensPerson, [PROCEDURES]);
    const { body } = await orient(lensAgent, lensPerson);
    expect(body.meta).toEqual({ diagnosticId: firstDiagnostic, services: [PROCEDURES] });
    expect(body.data.map((v: { name: string }) => v.name)).toEqual([
      'Médiathèque du centre',
      'EPN Lens sud',
      'Bus numérique',
      'Antenne sans coordonnées',
      'Bibliothèque sans coordonnées',
    ]);
    const distances = body.data.map((v: { distanceKm: number | null }) => v.distanceKm);
    expect(distances.slice(0, 3)).toEqual([0.2, 1.9, 4]);
    expect(distances.slice(3)).toEqual([null, null]);
    expect(body.data[1]).toEqual({
      id: expect.any(String),
      name: 'EPN Lens sud',
      itinerant: false,
      address: '1 place de la République',
      postalCode: '62300',
      communeName: 'Lens',
      inseeCode: LENS,
      distanceKm: 1.9,
      openingHours: 'Mo-Fr 09:00-12:00',
      phone: '03 21 00 00 00',
      email: null,
      website: null,
      accessModalities: ['Se présenter', 'Téléphoner'],
      services: [PROCEDURES],
    });
    expect(body.data[2]).toMatchObject({ itinerant: true, inseeCode: LIEVIN });
  });

  it('orients from the latest diagnostic unless one is named', async () => {
    await diagnose(lensPerson, [LEISURE]);
    const latest = await orient(manager, lensPerson);
    expect(latest.body.data.map((v: { name: string }) => v.name)).toEqual(['Fablab des loisirs']);
    expect(latest.body.data[0].services).toEqual([LEISURE]);
    const named = await orient(manager, lensPerson, `?diagnosticId=${firstDiagnostic}`);
    expect(named.body.data).toHaveLength(5);
    const unknown = await orient(
      manager,
      lensPerson,
      '?diagnosticId=00000000-0000-4000-8000-000000000000',
      422,
    );
    expect(unknown.body).toMatchObject({ code: 'DIAGNOSTIC_REQUIRED' });
    await orient(manager, lensPerson, '?diagnosticId=nope', 400);
  });

  it('takes the service covering online procedures when the diagnostic names only procedures', async () => {
    await diagnose(avionPerson, [], ['IMPOTS', 'CAF']);
    const { body } = await orient(lensAgent, avionPerson);
    expect(body.meta.services).toEqual([PROCEDURES]);
    // Avion is not enrolled: its own tiers-lieu does not serve the programme; the bus visits.
    expect(body.data.map((v: { name: string }) => v.name)).toEqual(['Bus numérique']);
    // Avion's centre is unknown: no distance.
    expect(body.data[0].distanceKm).toBeNull();
  });

  it("is for whoever may see the person: another structure's agent gets 404, a référent 403", async () => {
    const hidden = await orient(lievinAgent, lensPerson, '', 404);
    expect(hidden.body.code).toBe('BENEFICIARY_NOT_FOUND');
    await orient(referent, lensPerson, '', 403);
  });

  it('reads candidate venues through indexes, not the whole venue table', async () => {
    // 5,000 qualified venues elsewhere (500 communes), a tenth of them visiting two communes.
    await t.dataSource.query(
      `WITH orgs AS (
         INSERT INTO organisation (kind, name) SELECT 'VENUE', 'Lieu ' || g
         FROM generate_series(1, 5000) g RETURNING id, name)
       INSERT INTO venue (organisation_id, pivot, name, address, postal_code, commune_name,
                          insee_code, served_insee_codes, services, qualification_status)
       SELECT id, '21620000605774', name, 'rue', '59000', 'Ailleurs',
              '59' || lpad((g % 500)::text, 3, '0'),
              CASE WHEN g % 10 = 0 THEN ARRAY['59' || lpad(((g + 1) % 500)::text, 3, '0'),
                                              '59' || lpad(((g + 2) % 500)::text, 3, '0')]
                   ELSE '{}' END,
              ARRAY[$1], 'QUALIFIED'
       FROM (SELECT id, name, row_number() OVER () AS g FROM orgs) o`,
      [PROCEDURES],
    );
    await t.dataSource.query('ANALYZE venue');
    const [{ 'QUERY PLAN': plan }] = await t.dataSource.query<
      { 'QUERY PLAN': { Plan: PlanNode }[] }[]
    >(`EXPLAIN (FORMAT JSON) ${ORIENTATION_SQL}`, [
      LENS,
      '00000000-0000-4000-8000-000000000000',
      [PROCEDURES],
      50,
    ]);
    const nodes = nodesOf(plan[0].Plan);
    const onVenue = nodes.filter((n) => n['Relation Name'] === 'venue');
    expect(onVenue.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.map((n) => n['Index Name'])).toEqual(
      expect.arrayContaining(['IDX_venue_insee', 'IDX_venue_served_insee_codes']),
    );
    // And the answer is still the same five venues.
    const { body } = await orient(lensAgent, lensPerson, `?diagnosticId=${firstDiagnostic}`);
    expect(body.data).toHaveLength(5);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}
