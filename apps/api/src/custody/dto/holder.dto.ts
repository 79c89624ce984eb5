import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '#src/common/pagination.dto.js';
import { HOLDER_KINDS, type HolderKind } from '@carnet/domain';
import type { CustodyHolder } from '../custody-holder.entity.js';
import { holderLabel } from '../holder-label.js';

/** Who holds carnets: the programme stock, a commune, a prescriber or a beneficiary. */
export class HolderDto {
  id!: string;
  @ApiProperty({ enum: HOLDER_KINDS, enumName: 'HolderKind' })
  kind!: HolderKind;
  /** @example "62510" */
  inseeCode!: string | null;
  /** @example "Liévin" */
  communeName!: string | null;
  prescriberId!: string | null;
  /** @example "CCAS de Liévin" */
  prescriberName!: string | null;
  beneficiaryId!: string | null;
  /** @example "Commune Liévin" */
  label!: string;

  static from(h: CustodyHolder): HolderDto {
    return Object.assign(new HolderDto(), {
      id: h.id,
      kind: h.kind,
      inseeCode: h.inseeCode ?? h.prescriber?.inseeCode ?? null,
      communeName: h.commune?.name ?? h.prescriber?.commune?.name ?? null,
      prescriberId: h.prescriberId,
      prescriberName: h.prescriber?.name ?? null,
      beneficiaryId: h.beneficiaryId,
      label: holderLabel(h),
    });
  }
}

/** A holder's stock: carnets held now (the sum of the ledger) and, for communes, the allocation. */
export class StockDto extends HolderDto {
  /** @example 120 */
  carnets!: number;
  /** Communes: carnets received from the programme stock, net of returns. @example 150 */
  received!: number;
  /** Communes: the allocation in force. @example 180 */
  allocationLimit!: number | null;
  /** Prescribers: carnets handed out that a beneficiary still holds. @example 35 */
  handedOut!: number;

  static fromHolder(h: CustodyHolder): StockDto {
    return Object.assign(new StockDto(), HolderDto.from(h), {
      carnets: h.carnets,
      received: h.received,
      allocationLimit: h.allocationLimit,
      handedOut: h.handedOut,
    });
  }
}

export class StockPageMetaDto extends PageMetaDto {
  /** Carnets held by all the holders of the list, all pages together. @example 4800 */
  carnets!: number;
  /** Carnets handed out by the prescribers of the list, all pages together. @example 310 */
  handedOut!: number;
}

export class StockListResponseDto {
  data!: StockDto[];
  meta!: StockPageMetaDto;
}
