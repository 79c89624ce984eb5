import { ORGANISATION_KINDS, type OrganisationKind } from '@carnet/domain';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FRENCH } from '#src/database/collation.js';

/** Who a user or API client works for: the programme owner, a funder, a commune, a prescriber or a venue. */
@Entity('organisation')
@Index('UQ_organisation_one_owner', ['kind'], { unique: true, where: `kind = 'OWNER'` })
@Check('CHK_organisation_kind', `kind IN (${ORGANISATION_KINDS.map((k) => `'${k}'`).join(', ')})`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganisationKind;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
