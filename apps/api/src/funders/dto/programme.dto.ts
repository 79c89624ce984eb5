import {
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  PROGRAMME_STATUSES,
  type ProgrammeStatus,
  SEPA_FORMATS,
  type SepaFormat,
} from '@carnet/domain';
import { Service } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Matches,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import { IsCalendarDate, Optional, OptionalNullable, UpdateType } from '#src/common/validators.js';
import type { Programme } from '../programme.entity.js';

/** The `services` of the national schema of digital-mediation places, spelled as it spells them. */
export const MEDIATION_SERVICES = Object.values(Service);

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

export class CreateProgrammeDto {
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** @example "Communauté d'agglomération de Lens-Liévin (36 communes)" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  territoryLabel!: string;

  /** @example "2026-01-01" */
  @IsCalendarDate()
  startDate!: string;

  /** @example "2027-12-31" */
  @IsCalendarDate()
  endDate!: string;

  /** Last day a cheque may be redeemed. @example "2027-12-31" */
  @IsCalendarDate()
  validityEndDate!: string;

  /** Days after validityEndDate before unused cheques expire (late statements). @example 30 */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays?: number;

  /** Face value of one cheque in cents. @example 1000 */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  faceValueCents?: number;

  /** @example 10 */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  chequesPerCarnet?: number;

  /** Total budget in cents. @example 48000000 */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  budgetCents!: number;

  /** @example 1 */
  @Optional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxCarnetsPerHousehold?: number;

  /**
   * Only trained agents (at least one training attended) hand out carnets: an untrained agent's
   * hand-out gets 403 AGENT_NOT_TRAINED. Default false. @example false
   */
  @Optional()
  @IsBoolean()
  requireTrainedAgent?: boolean;

  /** Publics the programme targets (free labels). @example ["Seniors", "Demandeurs d'emploi"] */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eligiblePublics?: string[];

  /**
   * Situations of the beneficiaries it covers; empty (default): every situation. A beneficiary
   * outside them is refused with 422 BENEFICIARY_NOT_ELIGIBLE.
   */
  @ApiPropertyOptional({
    enum: BENEFICIARY_SITUATIONS,
    isArray: true,
    enumName: 'BeneficiarySituation',
  })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(BENEFICIARY_SITUATIONS, { each: true })
  eligibleSituations?: BeneficiarySituation[];

  /**
   * Communes (INSEE codes) of the beneficiaries it covers; empty (default): the communes enrolled
   * in the programme. @example ["62498", "62510"]
   */
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @Matches(INSEE, { each: true, message: 'eligibleInseeCodes must be INSEE codes' })
  eligibleInseeCodes?: string[];

  @ApiPropertyOptional({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(MEDIATION_SERVICES, { each: true })
  payableServices?: string[];

  /**
   * Format of the SEPA credit-transfer file its monthly reimbursement batches are exported in
   * (« Format du fichier de virement SEPA »): pain.001.001.09, the EPC's current rulebook
   * (default), or pain.001.001.03 for a bank that still asks for it. A batch already exported
   * keeps the format it was first exported in. @example "pain.001.001.09"
   */
  @ApiPropertyOptional({ enum: SEPA_FORMATS, enumName: 'SepaFormat' })
  @Optional()
  @IsIn(SEPA_FORMATS)
  sepaFormat?: SepaFormat;

  /**
   * Publish its usage as open data, without login, at
   * `/api/v1/public/programmes/{id}/usage.csv` and `.json`: sessions, cheques and amounts per
   * commune of the venues, month and service, small counts withheld (see the README, « Open
   * usage data »). Off: those addresses answer 404, as for an unknown programme. Default false.
   * @example false
   */
  @Optional()
  @IsBoolean()
  openData?: boolean;

  /**
   * The number a beneficiary may call with a question, printed on the cover of each carnet
   * (« Numéro d'aide aux bénéficiaires »); null or absent: the sentence is left out.
   * @example "03 21 00 00 00"
   */
  @OptionalNullable()
  @IsString()
  @Matches(/^\+?[0-9][0-9 .()-]{3,39}$/, {
    message: 'helpPhone must be a phone number (digits, spaces, dots, dashes, a leading +)',
  })
  helpPhone?: string | null;
}

export class UpdateProgrammeDto extends UpdateType(CreateProgrammeDto) {}

export class ProgrammeFilterDto {
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES, enumName: 'ProgrammeStatus' })
  @Optional()
  @IsIn(PROGRAMME_STATUSES)
  status?: ProgrammeStatus;
}

/** Sortable fields: `name`, `startDate`, `status`, `createdAt`. */
export class ListProgrammesQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => ProgrammeFilterDto)
  filter?: ProgrammeFilterDto;
}

export class ProgrammeResponseDto {
  id!: string;
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  name!: string;
  territoryLabel!: string;
  /** @example "2026-01-01" */
  startDate!: string;
  /** @example "2027-12-31" */
  endDate!: string;
  /** @example "2027-12-31" */
  validityEndDate!: string;
  /** @example 30 */
  graceDays!: number;
  /** @example 1000 */
  faceValueCents!: number;
  /** @example 10 */
  chequesPerCarnet!: number;
  /** @example 48000000 */
  budgetCents!: number;
  /** @example "EUR" */
  currency!: 'EUR';
  /** @example 1 */
  maxCarnetsPerHousehold!: number;
  /** Only trained agents hand out carnets. @example false */
  requireTrainedAgent!: boolean;
  eligiblePublics!: string[];
  /** Situations covered; empty: every situation. */
  @ApiProperty({ enum: BENEFICIARY_SITUATIONS, isArray: true, enumName: 'BeneficiarySituation' })
  eligibleSituations!: BeneficiarySituation[];
  /** Communes covered (INSEE); empty: the enrolled communes. @example ["62498"] */
  eligibleInseeCodes!: string[];
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  payableServices!: string[];
  /** Version of the SEPA credit-transfer message (ISO 20022 pain.001) of reimbursement files. */
  @ApiProperty({ enum: SEPA_FORMATS, enumName: 'SepaFormat', example: 'pain.001.001.09' })
  sepaFormat!: SepaFormat;
  @ApiProperty({ enum: PROGRAMME_STATUSES, enumName: 'ProgrammeStatus' })
  status!: ProgrammeStatus;
  /**
   * Its usage is published as open data at `/api/v1/public/programmes/{id}/usage.csv` and
   * `.json`. @example false
   */
  openData!: boolean;
  /** Printed on the cover of each carnet. @example "03 21 00 00 00" */
  helpPhone!: string | null;
  /** Optimistic-lock version, increases on every change. */
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;

  static from(programme: Programme): ProgrammeResponseDto {
    return {
      id: programme.id,
      name: programme.name,
      territoryLabel: programme.territoryLabel,
      startDate: programme.startDate,
      endDate: programme.endDate,
      validityEndDate: programme.validityEndDate,
      graceDays: programme.graceDays,
      faceValueCents: programme.faceValueCents,
      chequesPerCarnet: programme.chequesPerCarnet,
      budgetCents: programme.budgetCents,
      currency: 'EUR',
      maxCarnetsPerHousehold: programme.maxCarnetsPerHousehold,
      requireTrainedAgent: programme.requireTrainedAgent,
      eligiblePublics: programme.eligiblePublics,
      eligibleSituations: programme.eligibleSituations,
      eligibleInseeCodes: programme.eligibleInseeCodes,
      payableServices: programme.payableServices,
      sepaFormat: programme.sepaFormat,
      status: programme.status,
      openData: programme.openData,
      helpPhone: programme.helpPhone,
      version: programme.version,
      createdAt: programme.createdAt,
      updatedAt: programme.updatedAt,
    };
  }
}

export class ProgrammeListResponseDto {
  data!: ProgrammeResponseDto[];
  meta!: PageMetaDto;
}
