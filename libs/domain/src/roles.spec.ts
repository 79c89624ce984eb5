import {
  isRoleAllowedInOrganisation,
  ORGANISATION_KINDS,
  ROLES,
  seesAllOrganisations,
} from './roles.js';

describe('roles', () => {
  it('binds every role to exactly one organisation kind', () => {
    for (const role of ROLES) {
      const kinds = ORGANISATION_KINDS.filter((kind) => isRoleAllowedInOrganisation(role, kind));
      expect(kinds).toHaveLength(1);
    }
  });

  it('puts venue staff in venues and commune referents in communes', () => {
    expect(isRoleAllowedInOrganisation('VENUE_STAFF', 'VENUE')).toBe(true);
    expect(isRoleAllowedInOrganisation('VENUE_STAFF', 'COMMUNE')).toBe(false);
    expect(isRoleAllowedInOrganisation('COMMUNE_REFERENT', 'COMMUNE')).toBe(true);
    expect(isRoleAllowedInOrganisation('ADMIN', 'FUNDER')).toBe(false);
  });

  it('lets only the programme owner roles see all organisations', () => {
    expect(ROLES.filter(seesAllOrganisations)).toEqual([
      'ADMIN',
      'PROGRAMME_MANAGER',
      'FINANCE_OFFICER',
    ]);
  });
});
