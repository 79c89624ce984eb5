import {
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from '#src/auth/organisation.entity.js';
import { Venue } from './venue.entity.js';

/**
 * A venue belonging to a network of venues (an organisation of kind VENUE_NETWORK): the
 * network's API clients may check and redeem cheques for it. A venue may belong to several
 * networks (a federation and a booking tool, say).
 */
@Entity('venue_network_member')
@Index('IDX_venue_network_member_venue', ['venueId'])
export class VenueNetworkMember {
  @PrimaryColumn({ name: 'network_id', type: 'uuid' })
  networkId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'network_id' })
  network?: Relation<Organisation>;

  @PrimaryColumn({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @ManyToOne(() => Venue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Relation<Venue>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
