import {
  ArrayUnique,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate, Optional, OptionalNullable } from '#src/common/validators.js';
import type { Enrolment } from '../enrolment.entity.js';

export class CreateEnrolmentDto {
  /** @example "62510" */
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'inseeCode must be an INSEE code' })
  inseeCode!: string;

  /** Date the municipal council voted. @example "2025-11-18" */
  @IsCalendarDate()
  deliberationDate!: string;

  /** @example "DEL-2025-112" */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  deliberationReference!: string;

  /** @example "2025-12-02" */
  @OptionalNullable()
  @IsCalendarDate()
  conventionSignedOn?: string | null;

  /** Users with role COMMUNE_REFERENT of this commune. */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  referentUserIds?: string[];
}

export class UpdateEnrolmentDto {
  @Optional()
  @IsCalendarDate()
  deliberationDate?: string;

  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  deliberationReference?: string;

  @OptionalNullable()
  @IsCalendarDate()
  conventionSignedOn?: string | null;

  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  referentUserIds?: string[];
}

export class ReferentDto {
  id!: string;
  /** @example "Julien Caron" */
  displayName!: string;
  /** @example "commune@demo.carnet.fr" */
  email!: string;
}

export class EnrolmentResponseDto {
  id!: string;
  programmeId!: string;
  /** @example "62510" */
  inseeCode!: string;
  /** @example "Liévin" */
  communeName!: string;
  /** @example "2025-11-18" */
  deliberationDate!: string;
  /** @example "DEL-2025-112" */
  deliberationReference!: string;
  /** Whether the délibération PDF was uploaded (GET …/deliberation to read it). */
  hasDeliberationDocument!: boolean;
  conventionSignedOn!: string | null;
  /**
   * The commune's référents, for the programme owner's staff and the commune's own; always empty
   * for a funder viewer, who reads the commune and its dates, not commune staff's contact details.
   */
  referents!: ReferentDto[];
  createdAt!: Date;

  static from(enrolment: Enrolment, withReferents: boolean): EnrolmentResponseDto {
    return {
      id: enrolment.id,
      programmeId: enrolment.programmeId,
      inseeCode: enrolment.inseeCode,
      communeName: enrolment.commune?.name ?? '',
      deliberationDate: enrolment.deliberationDate,
      deliberationReference: enrolment.deliberationReference,
      hasDeliberationDocument: enrolment.deliberationDocumentId !== null,
      conventionSignedOn: enrolment.conventionSignedOn,
      referents: (withReferents ? (enrolment.referents ?? []) : []).map((u) => ({
        id: u.id,
        displayName: u.displayName,
        email: u.email,
      })),
      createdAt: enrolment.createdAt,
    };
  }
}

export class EnrolmentListResponseDto {
  data!: EnrolmentResponseDto[];
}
