import type { Principal } from './principal.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import {
  assertSelfService,
  fieldsOutsideSelfService,
  isSelfService,
  SELF_SERVICE,
} from './self-service.js';

const user = (role: string): Principal =>
  ({
    type: 'user',
    id: 'u1',
    email: 'x@demo.carnet.fr',
    role,
    organisationId: 'o1',
    organisationKind: 'VENUE',
  }) as Principal;

const venue = {
  pivot: '73282932000074',
  inseeCode: '62510',
  communeName: 'Liévin',
  postalCode: '62800',
  servedInseeCodes: ['62065', '62413'],
  services: ['Aide aux démarches administratives'],
  horaires: 'Mo-Fr 09:00-12:00',
  phone: null,
};

describe('self-service rule', () => {
  it('never lets anyone change, on their own record, a field that decides rights', () => {
    const rightsDeciding: Record<keyof typeof SELF_SERVICE, string[]> = {
      venue: ['pivot', 'inseeCode', 'communeName', 'postalCode', 'servedInseeCodes', 'services'],
      prescriber: ['inseeCode'],
      user: ['role', 'organisationId', 'active', 'email'],
    };
    for (const [resource, fields] of Object.entries(rightsDeciding)) {
      const allowed = SELF_SERVICE[resource as keyof typeof SELF_SERVICE]
        .fields as readonly string[];
      expect(allowed.filter((f) => fields.includes(f))).toEqual([]);
    }
  });

  it('refuses a venue staff member widening their territory, naming every field', () => {
    const input = {
      servedInseeCodes: ['62065', '62413', '62498'],
      inseeCode: '62498',
      horaires: 'Mo',
    };
    expect(fieldsOutsideSelfService('venue', user('VENUE_STAFF'), input, venue)).toEqual([
      'inseeCode',
      'servedInseeCodes',
    ]);
    expect(() => assertSelfService('venue', user('VENUE_STAFF'), input, venue)).toThrow(
      expect.objectContaining({
        code: CommonExceptionCode.FIELD_NOT_SELF_SERVICE,
        errors: [
          { field: 'inseeCode', message: 'changed by the programme manager only' },
          { field: 'servedInseeCodes', message: 'changed by the programme manager only' },
        ],
      }),
    );
  });

  it('lets staff edit the public listing and send back unchanged values (arrays as sets)', () => {
    const input = {
      horaires: 'Mo-Sa 09:00-18:00',
      phone: '03 21 00 00 00',
      pivot: venue.pivot,
      servedInseeCodes: ['62413', '62065'],
      services: [...venue.services],
      inseeCode: undefined,
    };
    expect(() => assertSelfService('venue', user('VENUE_STAFF'), input, venue)).not.toThrow();
  });

  it('does not limit the programme manager, and limits an API client to nothing', () => {
    const input = { inseeCode: '62498', servedInseeCodes: [] };
    expect(isSelfService('venue', user('PROGRAMME_MANAGER'))).toBe(false);
    expect(fieldsOutsideSelfService('venue', user('PROGRAMME_MANAGER'), input, venue)).toEqual([]);
    const client = {
      type: 'client',
      id: 'c1',
      name: 'kiosk',
      organisationId: 'o1',
      organisationKind: 'VENUE',
      scopes: [],
    } as Principal;
    expect(fieldsOutsideSelfService('venue', client, { horaires: 'Mo' }, venue)).toEqual([
      'horaires',
    ]);
  });

  it("refuses a référent moving a structure to another commune, and anyone's own role or active flag", () => {
    const prescriber = { inseeCode: '62510', name: 'CCAS', email: null };
    expect(
      fieldsOutsideSelfService(
        'prescriber',
        user('COMMUNE_REFERENT'),
        { inseeCode: '62498', email: 'ccas@lievin.fr' },
        prescriber,
      ),
    ).toEqual(['inseeCode']);
    const account = { displayName: 'Claire', role: 'ADMIN', active: true };
    expect(
      fieldsOutsideSelfService(
        'user',
        user('ADMIN'),
        { role: 'PROGRAMME_MANAGER', active: false, displayName: 'C.', password: 'x'.repeat(12) },
        account,
      ),
    ).toEqual(['active', 'role']);
    expect(
      fieldsOutsideSelfService('user', user('ADMIN'), { role: 'ADMIN', active: true }, account),
    ).toEqual([]);
  });
});
