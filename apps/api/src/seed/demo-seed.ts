import { ORGANISATION_KIND_OF_ROLE, type OrganisationKind, type Role } from '@carnet/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '#src/audit/audit.service.js';
import { Organisation } from '#src/auth/organisation.entity.js';
import type { PasswordHasher } from '#src/auth/password-hasher.js';
import { User } from '#src/auth/user.entity.js';

/** The password of every demo account, stated in the README. */
export const DEMO_PASSWORD = 'demo-carnet';

export const DEMO_ORGANISATIONS: Record<OrganisationKind, string> = {
  OWNER: "Communauté d'agglomération de Lens-Liévin",
  FUNDER: 'Préfecture du Pas-de-Calais (État)',
  COMMUNE: 'Ville de Lens',
  PRESCRIBER: 'CCAS de Lens',
  VENUE: 'Espace public numérique de Liévin',
};

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@demo.carnet.fr', displayName: 'Claire Dubois', role: 'ADMIN' },
  { email: 'manager@demo.carnet.fr', displayName: 'Karim Haddad', role: 'PROGRAMME_MANAGER' },
  { email: 'finance@demo.carnet.fr', displayName: 'Sophie Lefebvre', role: 'FINANCE_OFFICER' },
  { email: 'finance2@demo.carnet.fr', displayName: 'Thomas Morel', role: 'FINANCE_OFFICER' },
  { email: 'funder@demo.carnet.fr', displayName: 'Isabelle Fontaine', role: 'FUNDER_VIEWER' },
  { email: 'commune@demo.carnet.fr', displayName: 'Julien Caron', role: 'COMMUNE_REFERENT' },
  { email: 'prescriber@demo.carnet.fr', displayName: 'Nadia Benali', role: 'PRESCRIBER_AGENT' },
  { email: 'venue@demo.carnet.fr', displayName: 'Marc Lemaire', role: 'VENUE_STAFF' },
];

export interface DemoSeedDeps {
  dataSource: DataSource;
  passwords: PasswordHasher;
  audit: AuditService;
}

/**
 * Creates the demo organisations and one account per role, once: a second run finds the admin
 * account and does nothing. Never run in production (the CLI refuses).
 */
export async function seedDemo({ dataSource, passwords, audit }: DemoSeedDeps): Promise<boolean> {
  const already = await dataSource.manager.existsBy(User, { email: DEMO_USERS[0].email });
  if (already) return false;
  const passwordHash = await passwords.hash(DEMO_PASSWORD);
  const actor = { type: 'system' as const, name: 'demo-seed' };
  await dataSource.transaction(async (manager: EntityManager) => {
    const organisations = new Map<OrganisationKind, Organisation>();
    for (const [kind, name] of Object.entries(DEMO_ORGANISATIONS) as [OrganisationKind, string][]) {
      const organisation = await manager.save(manager.create(Organisation, { kind, name }));
      organisations.set(kind, organisation);
      await audit.record(manager, actor, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: organisation.id,
        after: { kind, name },
      });
    }
    for (const demo of DEMO_USERS) {
      const organisation = organisations.get(ORGANISATION_KIND_OF_ROLE[demo.role])!;
      const user = await manager.save(
        manager.create(User, {
          ...demo,
          passwordHash,
          organisationId: organisation.id,
          active: true,
        }),
      );
      await audit.record(manager, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: user.email, role: user.role, organisationId: organisation.id },
      });
    }
  });
  return true;
}
