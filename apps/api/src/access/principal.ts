import {
  type ApiClientScope,
  type OrganisationKind,
  type Role,
  seesAllOrganisations,
} from '@carnet/domain';

/** A signed-in person. */
export interface UserPrincipal {
  type: 'user';
  id: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
}

/** A third-party frontend authenticated with client credentials. */
export interface ClientPrincipal {
  type: 'client';
  id: string;
  name: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  scopes: ApiClientScope[];
}

export type Principal = UserPrincipal | ClientPrincipal;

/**
 * Which organisations' data a caller may see. Every list and lookup of a later module filters
 * through it, and answers NOT_FOUND (never FORBIDDEN) for what lies outside, so that an id of
 * another organisation reveals nothing.
 */
export class OrganisationScope {
  private constructor(
    /** True for the programme owner's roles. */
    readonly all: boolean,
    readonly organisationId: string,
    readonly organisationKind: OrganisationKind,
  ) {}

  static of(principal: Principal): OrganisationScope {
    const all = principal.type === 'user' && seesAllOrganisations(principal.role);
    return new OrganisationScope(all, principal.organisationId, principal.organisationKind);
  }

  includes(organisationId: string | null | undefined): boolean {
    return this.all || (organisationId != null && organisationId === this.organisationId);
  }

  /** The organisation to filter by, or undefined when the caller sees everything. */
  get filter(): string | undefined {
    return this.all ? undefined : this.organisationId;
  }
}

export function actorLabelOf(principal: Principal): string {
  return principal.type === 'user' ? principal.email : `api-client:${principal.name}`;
}
