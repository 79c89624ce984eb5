import { ApiProperty } from '@nestjs/swagger';

export class UsageLicenceDto {
  /** @example "Licence Ouverte / Open Licence version 2.0" */
  name!: string;
  /** @example "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" */
  url!: string;
}

/**
 * A commune of venues, a month and a service; or, with `service` null, the total of the commune
 * and month over all services. Small counts are withheld: then `redemptions`, `cheques` and
 * `amountCents` are null and `suppressed` is true.
 */
export class UsageRowDto {
  /**
   * INSEE code of the commune where the venues are; null for venues without a commune (itinerant
   * ones, say). @example "62498"
   */
  @ApiProperty({ type: String, nullable: true, example: '62498' })
  inseeCode!: string | null;

  /** @example "Lens" */
  @ApiProperty({ type: String, nullable: true, example: 'Lens' })
  communeName!: string | null;

  /** Month of the sessions, in France (YYYY-MM). @example "2026-10" */
  period!: string;

  /**
   * A service of the national schema of digital-mediation places; null on the row of the
   * commune and month's total. @example "Aide aux démarches administratives"
   */
  @ApiProperty({ type: String, nullable: true, example: 'Aide aux démarches administratives' })
  service!: string | null;

  /** Sessions paid with cheques (redemptions not cancelled). @example 42 */
  @ApiProperty({ type: Number, nullable: true, example: 42 })
  redemptions!: number | null;

  /** Cheques those sessions were paid with. @example 57 */
  @ApiProperty({ type: Number, nullable: true, example: 57 })
  cheques!: number | null;

  /** Their value in euro cents. @example 57000 */
  @ApiProperty({ type: Number, nullable: true, example: 57000 })
  amountCents!: number | null;

  /** The figures of this row are withheld (a small count, or one that would reveal it). */
  suppressed!: boolean;
}

export class ProgrammeUsageDto {
  /** @example "be9f676a-0335-4740-9f59-c97cb984280e" */
  programmeId!: string;

  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  programmeName!: string;

  /**
   * The instant the figures reflect (the reporting store's last refresh); null before the first.
   * @example "2026-11-30T09:05:00.000Z"
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  asOf!: Date | null;

  /** Counts of sessions under this are withheld, with what would reveal them. @example 5 */
  threshold!: number;

  licence!: UsageLicenceDto;

  /**
   * By commune (INSEE code; venues without a commune last), month and service (French
   * alphabetical order), each commune and month followed by its total row.
   */
  rows!: UsageRowDto[];
}
