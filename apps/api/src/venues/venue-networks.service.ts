import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationsRepository } from '#src/auth/organisations.repository.js';
import type { Venue } from './venue.entity.js';
import { VenueException, VenueExceptionCode } from './venue.exception.js';
import { VenueNetworksRepository } from './venue-networks.repository.js';
import { VenuesRepository } from './venues.repository.js';

/**
 * Which venue a caller acts for when it checks or redeems cheques, and the networks of venues
 * (VENUE_NETWORK organisations) whose API clients act for several venues.
 */
@Injectable()
export class VenueNetworksService {
  constructor(
    private readonly networks: VenueNetworksRepository,
    private readonly venues: VenuesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The venue the caller acts for: a venue's staff and API clients act for their own venue (a
   * `venueId` given must be it); a network's API clients for the member venue they name. Read
   * afresh on every call, so that a suspension applies at the next request. 403 VENUE_NOT_YOURS
   * for any other venue, known or not (an id tells nothing about venues of others); 400
   * VENUE_REQUIRED when a network's client names none.
   */
  async actingVenue(
    principal: Principal,
    venueId: string | undefined,
    manager?: EntityManager,
  ): Promise<Venue> {
    let venue: Venue | null = null;
    if (principal.organisationKind === 'VENUE') {
      venue = await this.networks.venueOfOrganisation(principal.organisationId, manager);
      if (venue && venueId !== undefined && venue.id !== venueId) venue = null;
    } else if (principal.organisationKind === 'VENUE_NETWORK' && principal.type === 'client') {
      if (venueId === undefined) {
        throw new VenueException(
          VenueExceptionCode.VENUE_REQUIRED,
          'A network of venues acts for one of its venues at a time: name it with venueId.',
          [{ field: 'venueId', message: 'required for a network of venues' }],
        );
      }
      venue = await this.networks.memberVenue(principal.organisationId, venueId, manager);
    }
    if (!venue) {
      throw new VenueException(
        VenueExceptionCode.VENUE_NOT_YOURS,
        'You may act for your own venue only (or, for a network, its member venues).',
        [{ field: 'venueId', message: 'not a venue you act for' }],
      );
    }
    return venue;
  }

  /**
   * The venues whose redemptions the caller may read: null for the programme owner's staff (all),
   * else its own venue, or its network's member venues (none when it has none).
   */
  async readableVenueIds(principal: Principal, manager?: EntityManager): Promise<string[] | null> {
    if (OrganisationScope.of(principal).all) return null;
    if (principal.organisationKind === 'VENUE') {
      const venue = await this.networks.venueOfOrganisation(principal.organisationId, manager);
      return venue ? [venue.id] : [];
    }
    if (principal.organisationKind === 'VENUE_NETWORK') {
      return this.networks.memberIds(principal.organisationId, manager);
    }
    return [];
  }

  /** The venues of a network, by name. */
  async members(networkId: string): Promise<Venue[]> {
    await this.network(networkId);
    return this.networks.members(networkId);
  }

  /** Adds a venue to a network (nothing when it is a member already); audited. */
  add(actor: Principal, networkId: string, venueId: string): Promise<Venue[]> {
    return this.change(actor, networkId, venueId, 'add');
  }

  /** Removes a venue from a network: its clients stop acting for it at their next request. */
  remove(actor: Principal, networkId: string, venueId: string): Promise<Venue[]> {
    return this.change(actor, networkId, venueId, 'remove');
  }

  private async change(
    actor: Principal,
    networkId: string,
    venueId: string,
    change: 'add' | 'remove',
  ): Promise<Venue[]> {
    await this.dataSource.transaction(async (manager) => {
      const network = await this.network(networkId, manager);
      const venue = await this.venues.findById(venueId, manager);
      if (!venue)
        throw new VenueException(VenueExceptionCode.VENUE_NOT_FOUND, `No venue ${venueId}.`);
      const changed =
        change === 'add'
          ? await this.networks.add(manager, network.id, venue.id)
          : await this.networks.remove(manager, network.id, venue.id);
      if (!changed) return;
      await this.audit.record(manager, actor, {
        action: change === 'add' ? 'venue-network.venue-added' : 'venue-network.venue-removed',
        entityType: 'organisation',
        entityId: network.id,
        after: { network: network.name, venueId: venue.id, venue: venue.name },
      });
    });
    return this.networks.members(networkId);
  }

  private async network(networkId: string, manager?: EntityManager) {
    const network = await this.organisations.findById(networkId, manager);
    if (!network || network.kind !== 'VENUE_NETWORK') {
      throw new VenueException(
        VenueExceptionCode.VENUE_NETWORK_NOT_FOUND,
        `No network of venues ${networkId}: create an organisation of kind VENUE_NETWORK first.`,
      );
    }
    return network;
  }
}
