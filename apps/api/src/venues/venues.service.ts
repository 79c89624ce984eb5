import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidRna, isValidSiret } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationsRepository } from '#src/auth/organisations.repository.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { assertSelfService } from '#src/access/self-service.js';
import type { CreateVenueDto, ListVenuesQueryDto, UpdateVenueDto } from './dto/venue.dto.js';
import type { Venue } from './venue.entity.js';
import { VenueException, VenueExceptionCode } from './venue.exception.js';
import { VenuesRepository } from './venues.repository.js';

const SORTABLE = {
  name: 'name',
  communeName: 'communeName',
  qualificationStatus: 'qualificationStatus',
  createdAt: 'createdAt',
} as const;

@Injectable()
export class VenuesService {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(principal: Principal, query: ListVenuesQueryDto): Promise<Page<Venue>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.venues.findPage(OrganisationScope.of(principal), query.filter ?? {}, order, skip, take),
    );
  }

  /** A venue the caller may see; NOT_FOUND alike for unknown and not visible. */
  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Venue> {
    const venue = await this.venues.findById(id, manager);
    if (!venue || !OrganisationScope.of(principal).includes(venue.organisationId)) {
      throw new VenueException(VenueExceptionCode.VENUE_NOT_FOUND, `No venue ${id}.`);
    }
    return venue;
  }

  /** Registers a venue (status APPLIED) with the organisation its staff will belong to. */
  create(actor: Principal, input: CreateVenueDto, manager?: EntityManager): Promise<Venue> {
    const work = async (em: EntityManager) => {
      assertPivot(input.pivot);
      const organisation = await this.organisations.create(em, { kind: 'VENUE', name: input.name });
      const venue = await this.venues.save(em, {
        ...emptyVenue(),
        ...input,
        organisationId: organisation.id,
        qualificationStatus: 'APPLIED',
      });
      await this.audit.record(em, actor, {
        action: 'venue.created',
        entityType: 'venue',
        entityId: venue.id,
        after: auditView(venue),
      });
      return venue;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  update(actor: Principal, id: string, input: UpdateVenueDto): Promise<Venue> {
    return this.dataSource.transaction(async (manager) => {
      const venue = await this.get(actor, id, manager);
      // A venue's staff edit its public listing; what it may redeem is the programme's call.
      assertSelfService('venue', actor, input, venue);
      if (input.pivot !== undefined) assertPivot(input.pivot);
      const before = auditView(venue);
      Object.assign(venue, input);
      const saved = await this.venues.save(manager, venue);
      await this.audit.record(manager, actor, {
        action: 'venue.updated',
        entityType: 'venue',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }
}

export function assertPivot(pivot: string): void {
  if (!isValidSiret(pivot) && !isValidRna(pivot)) {
    throw new VenueException(
      VenueExceptionCode.INVALID_PIVOT,
      `${pivot} is neither a valid SIRET nor an RNA number.`,
      [{ field: 'pivot', message: 'must be a valid SIRET (checksum) or RNA (W + 9 digits)' }],
    );
  }
}

function emptyVenue(): Partial<Venue> {
  return {
    addressComplement: null,
    inseeCode: null,
    latitude: null,
    longitude: null,
    horaires: null,
    phone: null,
    email: null,
    website: null,
    summary: null,
  };
}

function auditView(venue: Venue): Record<string, unknown> {
  const { organisation: _o, createdAt: _c, updatedAt: _u, ...fields } = venue;
  return fields;
}
