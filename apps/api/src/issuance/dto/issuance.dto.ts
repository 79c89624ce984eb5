import { ApiProperty } from '@nestjs/swagger';
import { chequeNumber } from '@carnet/domain';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ListQueryDto, type PageMetaDto } from '#src/common/pagination.dto.js';
import { ISSUANCE_STATUSES, type Issuance, type IssuanceStatus } from '../issuance.entity.js';
import {
  PRINT_FILE_KINDS,
  type PrintFile,
  type PrintFileKind,
} from '#src/files/print-file.entity.js';
import { Optional } from '#src/common/validators.js';

export class IssueCarnetsDto {
  /** Number of carnets to issue; each holds the programme's number of cheques. @example 1000 */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count!: number;

  /**
   * « Traits de coupe »: the PDF is made for a print shop, each A4 page on larger paper with
   * crop marks at its corners, its TrimBox (the A4 page) and a 3 mm BleedBox. Default false.
   * @example false
   */
  @Optional()
  @IsBoolean()
  cropMarks?: boolean;
}

export class ReprintDto {
  /**
   * Crop marks on the new PDF (see IssueCarnetsDto.cropMarks); absent: as the run's last print.
   * @example true
   */
  @Optional()
  @IsBoolean()
  cropMarks?: boolean;
}

export class IssuanceFilterDto {
  @Optional()
  @IsUUID()
  programmeId?: string;
}

/** Sortable fields: `createdAt`, `carnetCount`. */
export class ListIssuancesQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => IssuanceFilterDto)
  filter?: IssuanceFilterDto;
}

export class PrintFileDto {
  @ApiProperty({ enum: PRINT_FILE_KINDS, enumName: 'PrintFileKind' })
  kind!: PrintFileKind;
  /** @example 1 */
  generation!: number;
  /** False while it is being written. */
  complete!: boolean;
  /** @example 1048576 */
  sizeBytes!: number;

  static from(f: PrintFile): PrintFileDto {
    return Object.assign(new PrintFileDto(), {
      kind: f.kind,
      generation: f.generation,
      complete: f.complete,
      sizeBytes: f.sizeBytes,
    });
  }
}

export class IssuanceResponseDto {
  id!: string;
  programmeId!: string;
  /** @example 1000 */
  carnetCount!: number;
  /** @example 10 */
  chequesPerCarnet!: number;
  /** @example 1000 */
  faceValueCents!: number;
  /** Value of the whole run. @example 10000000 */
  totalCents!: number;
  /** @example "EUR" */
  currency!: 'EUR';
  /** @example "2027-06-30" */
  validUntil!: string;
  /** @example 1 */
  firstSerial!: number;
  /** @example 1000 */
  lastSerial!: number;
  /** @example "000000000017" */
  firstChequeNumber!: string;
  lastChequeNumber!: string;
  @ApiProperty({ enum: ISSUANCE_STATUSES, enumName: 'IssuanceStatus' })
  status!: IssuanceStatus;
  /** Carnets written so far (progress). @example 400 */
  carnetsDone!: number;
  /** 1 at issuance, +1 each time the codes were issued again. @example 1 */
  printGeneration!: number;
  /** Its PDF has crop marks (TrimBox and BleedBox) for a print shop. @example false */
  cropMarks!: boolean;
  /** Print files of the current generation. */
  files!: PrintFileDto[];
  error!: string | null;
  createdAt!: Date;
  finishedAt!: Date | null;

  static from(i: Issuance, files: PrintFile[] = []): IssuanceResponseDto {
    const cheques = i.carnetCount * i.chequesPerCarnet;
    return Object.assign(new IssuanceResponseDto(), {
      id: i.id,
      programmeId: i.programmeId,
      carnetCount: i.carnetCount,
      chequesPerCarnet: i.chequesPerCarnet,
      faceValueCents: i.faceValueCents,
      totalCents: cheques * i.faceValueCents,
      currency: 'EUR' as const,
      validUntil: i.validUntil,
      firstSerial: i.firstSerial,
      lastSerial: i.firstSerial + i.carnetCount - 1,
      firstChequeNumber: chequeNumber(i.firstSequence),
      lastChequeNumber: chequeNumber(i.firstSequence + cheques - 1),
      status: i.status,
      carnetsDone: i.carnetsDone,
      printGeneration: i.printGeneration,
      cropMarks: i.cropMarks,
      files: files.map((f) => PrintFileDto.from(f)),
      error: i.error,
      createdAt: i.createdAt,
      finishedAt: i.finishedAt,
    });
  }
}

export class IssuanceListResponseDto {
  data!: IssuanceResponseDto[];
  meta!: PageMetaDto;
}
