import {
  CONSENT_SCOPES,
  type ConsentScope,
  ERASURE_REASONS,
  type ErasureReason,
} from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BeneficiaryResponseDto } from './beneficiary.dto.js';
import { DiagnosticResponseDto } from './diagnostic.dto.js';
import { HandOutResponseDto, HouseholdExceptionResponseDto } from './hand-out.dto.js';

export class EraseBeneficiaryDto {
  /**
   * Why the data are erased: the person asked (GDPR art. 17), the record was entered in error,
   * or another reason. A closed list: the audit entry keeps it, and free text about a person
   * would outlive the erasure it records.
   */
  @ApiProperty({ enum: ERASURE_REASONS, enumName: 'ErasureReason', example: 'PERSON_REQUEST' })
  @IsIn(ERASURE_REASONS)
  reason!: ErasureReason;
}

/** The household key exists or not; its bytes are never exported (a keyed hash of the address). */
export class ExportHouseholdKeyDto {
  /** The record holds a household key (false once purged or erased). */
  held!: boolean;
  /**
   * @example "Clé de foyer : empreinte (HMAC-SHA-256) de l'adresse, qui ne permet pas de la retrouver ; l'adresse n'est jamais conservée."
   */
  description!: string;
}

export class ExportConsentDto {
  @ApiProperty({ enum: CONSENT_SCOPES, enumName: 'ConsentScope' })
  scope!: ConsentScope;
  /** When it was recorded. */
  at!: Date;
  /** The user who recorded it. */
  recordedBy!: string;
}

export class ExportChequeDto {
  /** @example "000000000017" */
  number!: string;
  /** @example 1 */
  position!: number;
  /** @example 1000 */
  faceValueCents!: number;
  /** @example "2027-12-31" */
  validUntil!: string;
  /** @example "REDEEMED" */
  status!: string;
}

export class ExportCarnetDto {
  id!: string;
  /** @example 1042 */
  serial!: number;
  programmeId!: string;
  /** @example "ACTIVE" */
  status!: string;
  /** The person holds it now (false: handed back, cancelled or replaced). */
  heldNow!: boolean;
  cheques!: ExportChequeDto[];
}

export class ExportMovementDto {
  /** Ledger id (ordered). @example "5120" */
  id!: string;
  carnetId!: string;
  /** @example 1042 */
  serial!: number;
  /** @example "HAND_OUT" */
  kind!: string;
  /** The carnet came to the person (false: it left them). */
  toPerson!: boolean;
  /** Who recorded the movement. @example "agent.lens@example.org" */
  actorLabel!: string;
  note!: string | null;
  createdAt!: Date;
}

export class BeneficiaryExportDto {
  exportedAt!: Date;
  /** The record as the API shows it (erased fields are null). */
  beneficiary!: BeneficiaryResponseDto;
  householdKey!: ExportHouseholdKeyDto;
  /** The consent given with a contact, or null. */
  consent!: ExportConsentDto | null;
  /** Most recent first. */
  diagnostics!: DiagnosticResponseDto[];
  /** The prescriptions: carnets handed out to the person (undone ones too), most recent first. */
  handOuts!: HandOutResponseDto[];
  /** Programme managers' permissions for one more carnet in the person's household. */
  householdExceptions!: HouseholdExceptionResponseDto[];
  /** Carnets the person holds or held, with their cheques. */
  carnets!: ExportCarnetDto[];
  /** Custody movements of those carnets to or from the person, oldest first. */
  custodyMovements!: ExportMovementDto[];
}

/** What one run of the retention purge did. */
export interface RetentionPurgeResult {
  beneficiaries: number;
  diagnosticNotes: number;
}
