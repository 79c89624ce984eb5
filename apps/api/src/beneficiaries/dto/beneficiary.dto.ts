import {
  AGE_BANDS,
  type AgeBand,
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  CONSENT_SCOPES,
  type ConsentScope,
} from '@carnet/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  isEmail,
  type ValidationOptions,
} from 'class-validator';
import { ListQueryDto, type PageMetaDto } from '#src/common/pagination.dto.js';
import { Optional, OptionalNullable } from '#src/common/validators.js';

const INSEE = /^(\d{5}|2[AB]\d{3})$/;
/** A French or international phone number, spaces, dots and dashes allowed between digits. */
const PHONE = /^(?:\+\d{2,3}|0)[1-9](?:[ .-]?\d{2}){4}$/;

/** A phone number or an e-mail address. */
function IsContact(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isContact',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (PHONE.test(value) || isEmail(value)),
        defaultMessage: () => 'contact must be a phone number or an e-mail address',
      },
    },
    options,
  );
}

export class CreateBeneficiaryDto {
  /** The programme the person is registered for. */
  @IsUUID()
  programmeId!: string;

  /**
   * The registering structure: an agent's own structure when left out (an agent cannot name
   * another); required from a programme manager.
   */
  @Optional()
  @IsUUID()
  prescriberId?: string;

  /** INSEE code of the person's commune. @example "62498" */
  @Matches(INSEE, { message: 'inseeCode must be an INSEE code' })
  inseeCode!: string;

  /** Age band, or else `birthYear` (exactly one of the two). */
  @ApiPropertyOptional({ enum: AGE_BANDS, enumName: 'AgeBand' })
  @Optional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  /** Year of birth, or else `ageBand`. @example 1952 */
  @Optional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiProperty({ enum: BENEFICIARY_SITUATIONS, enumName: 'BeneficiarySituation' })
  @IsIn(BENEFICIARY_SITUATIONS)
  situation!: BeneficiarySituation;

  /** Optional first name, for the counter only. @example "Josiane" */
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  firstName?: string | null;

  /**
   * A phone number or an e-mail address, kept only with the person's consent (`consentScope`).
   * @example "06 12 34 56 78"
   */
  @OptionalNullable()
  @IsString()
  @MaxLength(254)
  @IsContact()
  contact?: string | null;

  /** What the person consented to; required with a contact, recorded with who and when. */
  @ApiPropertyOptional({ enum: CONSENT_SCOPES, enumName: 'ConsentScope' })
  @Optional()
  @IsIn(CONSENT_SCOPES)
  consentScope?: ConsentScope;

  /**
   * The household's postal address, used only to compute the household key (one carnet per
   * household): never stored, logged or audited. @example "12 bis boulevard Émile Basly, 62300 Lens"
   */
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  address!: string;

  /** Optional household name, added to the address in the household key. @example "Dupont" */
  @Optional()
  @IsString()
  @MaxLength(100)
  householdName?: string;
}

/**
 * Changes to a beneficiary. `ageBand` or `birthYear` replaces the other; `null` clears the first
 * name or the contact (and its consent); an `address` recomputes the household key.
 */
export class UpdateBeneficiaryDto {
  @Optional()
  @Matches(INSEE, { message: 'inseeCode must be an INSEE code' })
  inseeCode?: string;

  @ApiPropertyOptional({ enum: AGE_BANDS, enumName: 'AgeBand' })
  @Optional()
  @IsIn(AGE_BANDS)
  ageBand?: AgeBand;

  /** @example 1952 */
  @Optional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiPropertyOptional({ enum: BENEFICIARY_SITUATIONS, enumName: 'BeneficiarySituation' })
  @Optional()
  @IsIn(BENEFICIARY_SITUATIONS)
  situation?: BeneficiarySituation;

  /** @example "Josiane" */
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  firstName?: string | null;

  /** @example "josiane@example.org" */
  @OptionalNullable()
  @IsString()
  @MaxLength(254)
  @IsContact()
  contact?: string | null;

  @ApiPropertyOptional({ enum: CONSENT_SCOPES, enumName: 'ConsentScope' })
  @Optional()
  @IsIn(CONSENT_SCOPES)
  consentScope?: ConsentScope;

  /** A new address (moving house): recomputes the household key. */
  @Optional()
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  address?: string;

  /** With `address` only. @example "Dupont" */
  @Optional()
  @IsString()
  @MaxLength(100)
  householdName?: string;
}

/** Finds a household's beneficiaries, in the caller's scope, from its address. */
export class SearchHouseholdDto {
  /** @example "12 bis bd Emile Basly 62300 Lens" */
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  address!: string;

  /** @example "Dupont" */
  @Optional()
  @IsString()
  @MaxLength(100)
  householdName?: string;

  /** Only this programme's. */
  @Optional()
  @IsUUID()
  programmeId?: string;
}

export class BeneficiaryFilterDto {
  @Optional()
  @IsUUID()
  programmeId?: string;

  /** First names starting with this (case and accents ignored). @example "jos" */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  firstName?: string;
}

/** Sortable fields: `createdAt`, `firstName`. Most recent first by default. */
export class ListBeneficiariesQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => BeneficiaryFilterDto)
  filter?: BeneficiaryFilterDto;
}

export class CountsQueryDto {
  @IsUUID()
  programmeId!: string;
}

export class BeneficiaryResponseDto {
  id!: string;
  programmeId!: string;
  prescriberId!: string;
  /** @example "62498" */
  inseeCode!: string;
  @ApiProperty({ enum: AGE_BANDS, enumName: 'AgeBand', nullable: true })
  ageBand!: AgeBand | null;
  /** @example 1952 */
  birthYear!: number | null;
  @ApiProperty({ enum: BENEFICIARY_SITUATIONS, enumName: 'BeneficiarySituation' })
  situation!: BeneficiarySituation;
  /** @example "Josiane" */
  firstName!: string | null;
  /** @example "06 12 34 56 78" */
  contact!: string | null;
  @ApiProperty({ enum: CONSENT_SCOPES, enumName: 'ConsentScope', nullable: true })
  consentScope!: ConsentScope | null;
  consentAt!: Date | null;
  /** The user who recorded the consent. */
  consentRecordedBy!: string | null;
  createdBy!: string;
  createdAt!: Date;
  updatedAt!: Date;
  /**
   * When the identifying data (first name, contact, consent, household key, birth year, notes)
   * were removed, by the retention purge or an erasure; null while they are kept.
   */
  purgedAt!: Date | null;
  /** When a programme manager erased them on request (`POST /beneficiaries/{id}/erase`). */
  erasedAt!: Date | null;
}

export class BeneficiaryListResponseDto {
  data!: BeneficiaryResponseDto[];
  meta!: PageMetaDto;
}

export class HouseholdSearchResponseDto {
  /** The household's beneficiaries the caller may see, most recent first (at most 50). */
  data!: BeneficiaryResponseDto[];
}

export class CommuneCountsDto {
  /** @example "62498" */
  inseeCode!: string;
  /** @example 42 */
  total!: number;
  /** Beneficiaries by situation. @example { "RETRAITE": 30, "AUTRE": 12 } */
  bySituation!: Record<string, number>;
  /** Beneficiaries by age band (a birth year counts in its band this year). @example { "60_74": 25 } */
  byAgeBand!: Record<string, number>;
}

export class BeneficiaryCountsResponseDto {
  programmeId!: string;
  /** One entry per commune with beneficiaries, by INSEE code. */
  communes!: CommuneCountsDto[];
}
