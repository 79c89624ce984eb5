import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Venue } from './venue.entity.js';
import { VenueNetworkMember } from './venue-network-member.entity.js';

/** The only writer of venue_network_member; and the lookups of the venue a caller acts for. */
@Injectable()
export class VenueNetworksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The venue whose staff and API clients belong to this organisation. */
  venueOfOrganisation(organisationId: string, manager?: EntityManager): Promise<Venue | null> {
    return (manager ?? this.dataSource.manager).findOneBy(Venue, { organisationId });
  }

  /** The venue, when it is a member of this network (one primary-key lookup, then the venue). */
  async memberVenue(
    networkId: string,
    venueId: string,
    manager?: EntityManager,
  ): Promise<Venue | null> {
    const em = manager ?? this.dataSource.manager;
    const member = await em.existsBy(VenueNetworkMember, { networkId, venueId });
    return member ? em.findOneBy(Venue, { id: venueId }) : null;
  }

  async memberIds(networkId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource.manager).find(VenueNetworkMember, {
      where: { networkId },
      select: { venueId: true },
    });
    return rows.map((r) => r.venueId);
  }

  members(networkId: string): Promise<Venue[]> {
    return this.dataSource.manager
      .getRepository(Venue)
      .createQueryBuilder('venue')
      .innerJoin(VenueNetworkMember, 'member', 'member.venue_id = venue.id')
      .where('member.network_id = :networkId', { networkId })
      .orderBy('venue.name', 'ASC')
      .addOrderBy('venue.id', 'ASC')
      .getMany();
  }

  /** Adds a member; false when it was one already. */
  async add(manager: EntityManager, networkId: string, venueId: string): Promise<boolean> {
    const added = await manager.query<unknown[]>(
      `INSERT INTO venue_network_member (network_id, venue_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING venue_id`,
      [networkId, venueId],
    );
    return added.length > 0;
  }

  /** Removes a member; false when it was not one. */
  async remove(manager: EntityManager, networkId: string, venueId: string): Promise<boolean> {
    const [, removed] = await manager.query<[unknown[], number]>(
      `DELETE FROM venue_network_member WHERE network_id = $1 AND venue_id = $2`,
      [networkId, venueId],
    );
    return removed > 0;
  }
}
