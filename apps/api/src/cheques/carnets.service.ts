import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { keysetPage, type KeysetList } from '#src/common/keyset.js';
import type { KeysetPage, PageQueryDto } from '#src/common/pagination.dto.js';
import type { StockPageMetaDto } from '#src/custody/dto/holder.dto.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import type { Carnet } from './carnet.entity.js';
import type { Cheque } from './cheque.entity.js';
import { ChequesRepository } from './cheques.repository.js';
import type { CustodyHolder } from '#src/custody/custody-holder.entity.js';
import type { CustodyMovement } from '#src/custody/custody-movement.entity.js';
import type { ListCarnetsQueryDto } from './dto/carnet.dto.js';
import { CustodyException, CustodyExceptionCode } from '#src/custody/custody.exception.js';
import { CustodyService } from '#src/custody/custody.service.js';

/** Carnets page by key on these: `IDX_carnet_programme_serial` and `IDX_carnet_holder_serial`. */
const CARNET_LIST: KeysetList<'serial' | 'createdAt'> = {
  table: 'carnet',
  alias: 'carnet',
  idType: 'uuid',
  sortable: {
    serial: { property: 'serial', column: 'serial', unique: true },
    createdAt: { property: 'createdAt', column: 'created_at' },
  },
  fallback: 'serial',
};

/**
 * Reading carnets: the programme owner's staff see all of them; a commune's référents the
 * carnets held by their commune and its prescribers; a prescriber's agents their own stock.
 */
@Injectable()
export class CarnetsService {
  constructor(
    private readonly custody: CustodyService,
    private readonly programmes: ProgrammesService,
    private readonly cheques: ChequesRepository,
  ) {}

  async list(principal: Principal, query: ListCarnetsQueryDto): Promise<KeysetPage<Carnet>> {
    const q = this.visible(principal);
    const f = query.filter ?? {};
    if (f.programmeId) q.andWhere('carnet.programme_id = :pid', { pid: f.programmeId });
    if (f.status) q.andWhere('carnet.status = :status', { status: f.status });
    if (f.holderId) q.andWhere('carnet.holder_id = :hid', { hid: f.holderId });
    if (f.holderKind) q.andWhere('holder.kind = :kind', { kind: f.holderKind });
    if (f.inseeCode) q.andWhere('holder.insee_code = :insee', { insee: f.inseeCode });
    if (f.prescriberId) {
      q.andWhere(`holder.kind = 'PRESCRIBER' AND holder.prescriber_id = :presc`, {
        presc: f.prescriberId,
      });
    }
    if (f.issuanceId) q.andWhere('carnet.issuance_id = :iss', { iss: f.issuanceId });
    if (f.serialFrom !== undefined) q.andWhere('carnet.serial >= :sf', { sf: f.serialFrom });
    if (f.serialTo !== undefined) q.andWhere('carnet.serial <= :st', { st: f.serialTo });
    const scope = OrganisationScope.of(principal);
    if (scope.all) return keysetPage(q, query, CARNET_LIST);
    // A référent's or an agent's carnets sit in a few holders' serial ranges: read each holder's
    // first rows on IDX_carnet_holder_serial rather than walk every serial.
    const holders = await this.custody.visibleHolderIds(scope.organisationId);
    q.andWhere('carnet.holder_id = ANY(:scopeHolders)', { scopeHolders: holders });
    return keysetPage(q, query, CARNET_LIST, { column: 'holder_id', values: holders });
  }

  /** A carnet the caller may see, with its holders; NOT_FOUND alike for unknown and not visible. */
  async one(principal: Principal, id: string): Promise<Carnet> {
    const carnet = await this.visible(principal).andWhere('carnet.id = :id', { id }).getOne();
    if (!carnet)
      throw new CustodyException(CustodyExceptionCode.CARNET_NOT_FOUND, `No carnet ${id}.`);
    return carnet;
  }

  async get(
    principal: Principal,
    id: string,
  ): Promise<{
    carnet: Carnet;
    cheques: Cheque[];
    movements: CustodyMovement[];
    replacedBy: string | null;
  }> {
    const carnet = await this.one(principal, id);
    const [cheques, movements] = await Promise.all([
      this.cheques.chequesOf(id),
      this.movements(id),
    ]);
    const replacedBy = await this.cheques.replacementOf(id);
    return { carnet, cheques, movements, replacedBy };
  }

  movements(carnetId: string): Promise<CustodyMovement[]> {
    return this.cheques.movements(carnetId);
  }

  /** The stock of every holder of a programme, with each commune's allocation and receipts. */
  /**
   * A page of the stock of a programme's holders. A commune's référents see their commune and its
   * prescribers; a prescriber's agents their own stock; NOT_FOUND when the caller holds nothing
   * of a programme it may not otherwise see.
   */
  async stocks(
    principal: Principal,
    programmeId: string,
    query: PageQueryDto,
  ): Promise<{ data: CustodyHolder[]; meta: StockPageMetaDto }> {
    const scope = OrganisationScope.of(principal);
    if (scope.organisationKind !== 'PRESCRIBER') await this.programmes.get(principal, programmeId);
    const page = await this.custody.stockPage(
      programmeId,
      scope.filter,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    if (page.total === 0 && scope.organisationKind === 'PRESCRIBER') {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_NOT_FOUND,
        `No programme ${programmeId}.`,
      );
    }
    const { holders, ...totals } = page;
    return { data: holders, meta: { page: query.page, pageSize: query.pageSize, ...totals } };
  }

  private visible(principal: Principal): SelectQueryBuilder<Carnet> {
    const q = this.cheques.carnetsWithHolders();
    const scope = OrganisationScope.of(principal);
    if (scope.all) return q;
    // Structures' stocks only (as visibleHolderIds): a beneficiary's row names a prescriber too.
    if (scope.organisationKind === 'COMMUNE') {
      return q.andWhere(
        `holder.kind IN ('COMMUNE', 'PRESCRIBER') AND (holderCommune.organisation_id = :org OR prescriberCommune.organisation_id = :org)`,
        { org: scope.organisationId },
      );
    }
    return q.andWhere(`holder.kind = 'PRESCRIBER' AND holderPrescriber.organisation_id = :org`, {
      org: scope.organisationId,
    });
  }
}
