import type { Role } from '@carnet/domain';
import { OrganisationScope, type Principal } from './principal.js';

const user = (role: Role, organisationId: string): Principal => ({
  type: 'user',
  id: 'u1',
  email: 'x@example.fr',
  role,
  organisationId,
  organisationKind:
    role === 'COMMUNE_REFERENT' ? 'COMMUNE' : role === 'VENUE_STAFF' ? 'VENUE' : 'OWNER',
});

describe('OrganisationScope', () => {
  it('lets the programme owner staff see every organisation', () => {
    for (const role of ['ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER'] as const) {
      const scope = OrganisationScope.of(user(role, 'owner'));
      expect(scope.all).toBe(true);
      expect(scope.filter).toBeUndefined();
      expect(scope.includes('any-commune')).toBe(true);
    }
  });

  it('confines a commune referent to its own commune', () => {
    const scope = OrganisationScope.of(user('COMMUNE_REFERENT', 'lens'));
    expect(scope.all).toBe(false);
    expect(scope.filter).toBe('lens');
    expect(scope.includes('lens')).toBe(true);
    expect(scope.includes('lievin')).toBe(false);
    expect(scope.includes(null)).toBe(false);
  });

  it('confines an API client to its venue', () => {
    const scope = OrganisationScope.of({
      type: 'client',
      id: 'c1',
      name: 'booking',
      organisationId: 'venue-1',
      organisationKind: 'VENUE',
      scopes: ['cheques:check'],
    });
    expect(scope.includes('venue-1')).toBe(true);
    expect(scope.includes('venue-2')).toBe(false);
  });
});
