import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class FundingShareInputDto {
  @IsUUID()
  funderId!: string;

  /** Share in basis points: 6500 = 65 %. @example 6500 */
  @IsInt()
  @Min(1)
  @Max(10_000)
  basisPoints!: number;
}

/** The complete list of shares; it replaces the previous one and must sum to exactly 10000. */
export class SetFundingSharesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => FundingShareInputDto)
  shares!: FundingShareInputDto[];
}

export class FundingShareResponseDto {
  funderId!: string;
  /** @example "Union européenne — FEDER" */
  funderName!: string;
  /** @example 2100 */
  basisPoints!: number;
  /** This funder's part of the budget, split to the cent by largest remainder. @example 10080000 */
  budgetPartCents!: number;
}

export class FundingSharesResponseDto {
  programmeId!: string;
  /** @example 10000 */
  totalBasisPoints!: number;
  shares!: FundingShareResponseDto[];
}

export class BudgetPartDto {
  funderId!: string;
  funderName!: string;
  basisPoints!: number;
  budgetCents!: number;
  allocatedCents!: number;
  remainingCents!: number;
  /** This funder's part of the cheques issued. */
  issuedCents!: number;
}

/**
 * What the programme may spend and what is already promised: the value of the carnets allocated
 * to communes (carnets × cheques × face value), and the value of the cheques actually issued.
 */
export class BudgetResponseDto {
  programmeId!: string;
  /** @example "EUR" */
  currency!: 'EUR';
  /** @example 48000000 */
  budgetCents!: number;
  /** Value of the carnets of the current allocation. @example 40000000 */
  allocatedCents!: number;
  /** @example 8000000 */
  remainingCents!: number;
  /**
   * Value of the cheques issued and not cancelled (plus runs being written); issuance may never
   * take it over the budget. @example 3000000
   */
  issuedCents!: number;
  /** The same figures split between funders by their shares, to the cent. */
  byFunder!: BudgetPartDto[];
}
