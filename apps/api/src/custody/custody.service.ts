import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDITED_CARNET_IDS,
  movementKind,
  serialRanges,
  type CancellationReason,
  type MovementKind,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { actorLabelOf, OrganisationScope, type Principal } from '#src/access/principal.js';
import { violatedConstraint } from '#src/database/constraint.js';
import {
  IdempotencyService,
  type IdempotencyRequest,
  type IdempotentResponse,
} from '#src/common/idempotency/idempotency.service.js';
import { runInTransaction } from '#src/database/transaction.js';
import type { CustodyHolder } from './custody-holder.entity.js';
import { CustodyException, CustodyExceptionCode } from './custody.exception.js';
import {
  type HolderRefDto,
  TransferResponseDto,
  type TransferSelectionDto,
} from './dto/transfer.dto.js';
import { holderLabel } from './holder-label.js';
import { HoldersRepository, type SelectedCarnet } from './holders.repository.js';
import type { TransferResult } from './transfer-result.js';

export type { TransferResult } from './transfer-result.js';
export { holderLabel } from './holder-label.js';
export type { SelectedCarnet } from './holders.repository.js';

/** Most carnets one transfer may move (a whole commune's allocation fits many times). */
export const MAX_CARNETS_PER_TRANSFER = 50_000;

/**
 * Custody transfers. Each carnet moves only from the holder it is with (the UPDATE names the
 * expected holder, so a carnet moved by a concurrent request is refused, never moved twice), each
 * move is one ledger row, and the ledger trigger plus CHECK constraints keep every stock ≥ 0 and
 * every commune within its allocation inside the database itself.
 */
@Injectable()
export class CustodyService {
  constructor(
    private readonly holders: HoldersRepository,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  transfer(
    actor: Principal,
    selection: TransferSelectionDto,
    to: HolderRefDto,
    note: string | null = null,
  ): Promise<TransferResult> {
    // Holders are locked in id order, yet a deadlock with another writer of the same rows stays
    // possible; the whole transfer is then run again (it does nothing outside the transaction).
    return runInTransaction(this.dataSource, (manager) =>
      this.transferIn(manager, actor, selection, to, note),
    );
  }

  /**
   * A transfer as the HTTP routes answer it. Under an Idempotency-Key the key is recorded in the
   * transfer's own transaction with its answer: the same key sent again answers the same and moves
   * nothing twice; a refusal keeps no key (IdempotencyService).
   */
  transferOnce(
    actor: Principal,
    selection: TransferSelectionDto,
    to: HolderRefDto,
    note: string | null,
    idempotency: IdempotencyRequest | null,
  ): Promise<IdempotentResponse<TransferResponseDto>> {
    return runInTransaction(this.dataSource, (manager) =>
      this.idempotency.execute(manager, idempotency, async (m) => ({
        status: HttpStatus.CREATED,
        body: TransferResponseDto.from(await this.transferIn(m, actor, selection, to, note)),
      })),
    );
  }

  private async transferIn(
    manager: EntityManager,
    actor: Principal,
    selection: TransferSelectionDto,
    to: HolderRefDto,
    note: string | null,
  ): Promise<TransferResult> {
    // The programme owner's staff are told exactly what is wrong; communes and prescribers only
    // that the carnets are not theirs, so that a range reveals nothing of others' carnets.
    const detailed = OrganisationScope.of(actor).all;
    const carnets = await this.select(manager, selection, detailed);
    const first = carnets[0];
    const programmeId = first.programme_id;
    const foreign = carnets.filter((c) => c.programme_id !== programmeId);
    const inactive = carnets.filter((c) => c.status !== 'ACTIVE');
    const active = carnets.filter((c) => c.status === 'ACTIVE');
    // The holder moved from is one the caller may take carnets from; the others are refused.
    const holderIds = [
      ...new Set(carnets.map((c) => c.holder_id).filter((id): id is string => !!id)),
    ];
    const named = await this.holders.findWithNames(manager, holderIds);
    const from = named.find((h) => this.mayMoveFrom(actor, h));
    const elsewhere = active.filter((c) => c.holder_id !== from?.id);
    if (!from || foreign.length + inactive.length + elsewhere.length > 0) {
      // Where the others are, said to whoever may know it: the programme's staff, and a commune
      // whose own structures hold them (its référents see those stocks anyway).
      const heldBy = whereHeld(elsewhere, named, (h) => detailed || this.mayKnowOf(actor, h));
      if (!from && !heldBy) throw notInYourCustody();
      if (!detailed && (foreign.length + inactive.length > 0 || !heldBy)) {
        throw notInYourCustody();
      }
      throw new CustodyException(
        CustodyExceptionCode.CARNET_NOT_HELD,
        notHeldDetail(heldBy ?? [], inactive.length, foreign.length, !from),
        [
          ...(inactive.length
            ? [
                {
                  field: 'carnets',
                  message: `cancelled: ${serialRanges(inactive.map((c) => c.serial))}`,
                },
              ]
            : []),
          ...(elsewhere.length
            ? [
                {
                  field: 'carnets',
                  message: `held elsewhere: ${serialRanges(elsewhere.map((c) => c.serial))}`,
                },
              ]
            : []),
          ...(foreign.length
            ? [
                {
                  field: 'carnets',
                  message: `other programme: ${serialRanges(foreign.map((c) => c.serial))}`,
                },
              ]
            : []),
        ],
        heldBy ? { heldBy } : undefined,
      );
    }
    await this.assertRunsDone(manager, [...new Set(carnets.map((c) => c.issuance_id))]);
    const target = await this.resolveTarget(manager, actor, programmeId, from, to);
    const kind = movementKind(from.kind, target.kind);
    if (!kind || kind === 'HAND_OUT') {
      throw new CustodyException(
        CustodyExceptionCode.TRANSFER_NOT_ALLOWED,
        `Carnets do not move from ${from.kind} to ${target.kind} this way.`,
        [{ field: 'to.kind', message: `not reachable from ${from.kind}` }],
      );
    }
    return this.move(manager, actor, carnets, from, target, kind, note);
  }

  /**
   * Moves carnets that the caller has already selected and checked: locks both holders (in id
   * order), moves only those still with `from`, writes the ledger and one audit entry for the move.
   */
  async move(
    manager: EntityManager,
    actor: Principal,
    carnets: { id: string; serial: number }[],
    from: CustodyHolder | null,
    to: CustodyHolder | null,
    kind: MovementKind,
    note: string | null,
    writeOff?: { reason: CancellationReason; comment: string | null },
    extra?: { transferId?: string; audit?: Record<string, unknown> },
  ): Promise<TransferResult> {
    const transferId = extra?.transferId ?? randomUUID();
    const holderIds = [from?.id, to?.id].filter((id): id is string => !!id);
    await this.holders.lock(manager, holderIds);
    // Named holders for the audit trail (a holder created by this request has no names loaded).
    const named = new Map(
      (await this.holders.findWithNames(manager, holderIds)).map((h) => [h.id, h]),
    );
    const fromLabel = from ? holderLabel(named.get(from.id) ?? from) : null;
    const toLabel = to ? holderLabel(named.get(to.id) ?? to) : null;
    const ids = carnets.map((c) => c.id);
    // A written-off carnet leaves every stock and becomes CANCELLED in the same statement (the
    // table's CHECK ties the two together).
    const moved = await this.holders.moveCarnets(
      manager,
      ids,
      from?.id ?? null,
      to?.id ?? null,
      writeOff,
    );
    if (moved.length !== ids.length) {
      const movedIds = new Set(moved);
      throw new CustodyException(
        CustodyExceptionCode.CARNET_NOT_HELD,
        'Some carnets were moved by someone else in the meantime; nothing was transferred.',
        [
          {
            field: 'carnets',
            message: `no longer held: ${serialRanges(carnets.filter((c) => !movedIds.has(c.id)).map((c) => c.serial))}`,
          },
        ],
      );
    }
    try {
      await this.holders.recordMovements(manager, {
        carnetIds: ids,
        transferId,
        programmeId: (from ?? to)!.programmeId,
        kind,
        fromHolderId: from?.id ?? null,
        toHolderId: to?.id ?? null,
        actorId: actor.id,
        actorLabel: actorLabelOf(actor),
        note,
      });
    } catch (error) {
      throw translateStockViolation(error);
    }
    // One entry for the whole move, however many carnets (a carnet's history finds it through
    // custody_movement.transfer_id): the serial ranges always, the ids only while they stay short.
    const serials = serialRanges(carnets.map((c) => c.serial));
    await this.audit.record(manager, actor, {
      action: `carnet.${kind.toLowerCase().replace('_', '-')}`,
      entityType: 'transfer',
      entityId: transferId,
      before: { holderId: from?.id ?? null, holder: fromLabel },
      after: {
        holderId: to?.id ?? null,
        holder: toLabel,
        transferId,
        count: carnets.length,
        serials,
        ...(ids.length <= AUDITED_CARNET_IDS ? { carnetIds: ids } : {}),
        ...extra?.audit,
      },
    });
    // Re-read after the ledger trigger ran, so the answer shows the stocks as they now are.
    const after = new Map(
      (await this.holders.findWithNames(manager, holderIds)).map((h) => [h.id, h]),
    );
    const fromAfter = from ? after.get(from.id) : undefined;
    const toAfter = to ? after.get(to.id) : undefined;
    return {
      transferId,
      kind,
      count: carnets.length,
      serials,
      from: (fromAfter ?? toAfter)!,
      to: (toAfter ?? fromAfter)!,
    };
  }

  private async select(
    manager: EntityManager,
    selection: TransferSelectionDto,
    detailed: boolean,
  ): Promise<SelectedCarnet[]> {
    const byIds = selection.carnetIds && selection.carnetIds.length > 0;
    const byRange = selection.serialFrom !== undefined && selection.serialTo !== undefined;
    if (byIds === byRange) {
      throw new CustodyException(
        CustodyExceptionCode.TRANSFER_SELECTION_INVALID,
        'Give either carnetIds or serialFrom and serialTo.',
        [{ field: 'carnetIds', message: 'exactly one of carnetIds or serialFrom/serialTo' }],
      );
    }
    if (byRange) {
      const size = selection.serialTo! - selection.serialFrom! + 1;
      if (size < 1 || size > MAX_CARNETS_PER_TRANSFER) {
        throw new CustodyException(
          CustodyExceptionCode.TRANSFER_SELECTION_INVALID,
          `A serial range runs upwards and holds at most ${MAX_CARNETS_PER_TRANSFER} carnets.`,
          [{ field: 'serialTo', message: 'must be ≥ serialFrom, within the maximum size' }],
        );
      }
    }
    const rows = byIds
      ? await this.holders.selectCarnetsByIds(manager, selection.carnetIds!)
      : await this.holders.selectCarnetsBySerials(
          manager,
          selection.serialFrom!,
          selection.serialTo!,
        );
    const expected = byIds
      ? new Set(selection.carnetIds).size
      : selection.serialTo! - selection.serialFrom! + 1;
    if (rows.length === 0 || rows.length !== expected) {
      if (!detailed) throw notInYourCustody();
      throw new CustodyException(
        CustodyExceptionCode.CARNET_NOT_FOUND,
        byIds ? 'Some carnets do not exist.' : 'Some serials of the range do not exist.',
        [
          {
            field: byIds ? 'carnetIds' : 'serialTo',
            message: `${expected - rows.length} not found`,
          },
        ],
      );
    }
    return rows;
  }

  /**
   * Carnets move once their run is DONE: while it is written or its codes are renewed, its stock
   * carnets have no usable printed codes yet. FOR SHARE holds off a reprint starting meanwhile.
   */
  async assertRunsDone(manager: EntityManager, issuanceIds: string[]): Promise<void> {
    const runs = await this.holders.runStatuses(manager, issuanceIds);
    const busy = runs.filter((r) => r.status !== 'DONE');
    if (busy.length > 0) {
      throw new CustodyException(
        CustodyExceptionCode.ISSUANCE_NOT_FINISHED,
        'Some carnets belong to an issuance run still being written or reprinted; they move once it is DONE.',
        busy.map((r) => ({ field: 'carnets', message: `run ${r.id} is ${r.status}` })),
      );
    }
  }

  /** One carnet by its serial or id, as the hand-out names it (null when there is none). */
  async selectCarnet(
    manager: EntityManager,
    by: { serial: number } | { id: string },
  ): Promise<SelectedCarnet | null> {
    const rows =
      'serial' in by
        ? await this.holders.selectCarnetsBySerials(manager, by.serial, by.serial)
        : await this.holders.selectCarnetsByIds(manager, [by.id]);
    return rows[0] ?? null;
  }

  /** A prescriber structure's holder in a programme, created on first use. */
  prescriberHolder(
    manager: EntityManager,
    programmeId: string,
    prescriberId: string,
  ): Promise<CustodyHolder> {
    return this.holders.prescriberHolder(manager, programmeId, prescriberId);
  }

  /** A beneficiary's holder in a programme, created on first use (HoldersRepository). */
  beneficiaryHolder(
    manager: EntityManager,
    programmeId: string,
    beneficiaryId: string,
    prescriberId: string,
  ): Promise<CustodyHolder> {
    return this.holders.beneficiaryHolder(manager, programmeId, beneficiaryId, prescriberId);
  }

  /** The programme's stock holder, created on first use. */
  programmeHolder(manager: EntityManager, programmeId: string): Promise<CustodyHolder> {
    return this.holders.programmeHolder(manager, programmeId);
  }

  /** Holders with their commune and prescriber names. */
  holdersWithNames(manager: EntityManager, ids: string[]): Promise<CustodyHolder[]> {
    return this.holders.findWithNames(manager, ids);
  }

  /** Locks holders (in id order, as every custody change does). */
  lockHolders(manager: EntityManager, ids: string[]): Promise<void> {
    return this.holders.lock(manager, ids);
  }

  /** lockHolders, with the prescriber row of each beneficiary among them (its tallies). */
  lockHoldersWithTallies(manager: EntityManager, ids: string[]): Promise<void> {
    return this.holders.lockWithTallies(manager, ids);
  }

  /** A page of a programme's holders with their stock (see HoldersRepository.stockPage). */
  stockPage(
    programmeId: string,
    organisationId: string | undefined,
    skip: number,
    take: number,
  ): ReturnType<HoldersRepository['stockPage']> {
    return this.holders.stockPage(programmeId, organisationId, skip, take);
  }

  /**
   * The allocation limit of every commune of a programme, from a new allocation: the one place
   * the rule "a commune holds at most its allocation in force" is written (with the CHECK).
   * Throws the database error when a commune already received more; the caller words it.
   */
  applyAllocation(
    manager: EntityManager,
    programmeId: string,
    allocationId: string,
  ): Promise<void> {
    return this.holders.applyAllocation(manager, programmeId, allocationId);
  }

  /** The custody rows whose carnets an organisation's people see (HoldersRepository). */
  visibleHolderIds(organisationId: string): Promise<string[]> {
    return this.holders.visibleHolderIds(organisationId);
  }

  /** Carnets a prescriber holds, its holders locked until the transaction ends. */
  lockPrescriberStock(manager: EntityManager, prescriberId: string): Promise<number> {
    return this.holders.lockPrescriberStock(manager, prescriberId);
  }

  /** The ISSUE rows of freshly written carnets, into the programme stock. */
  recordIssue(
    manager: EntityManager,
    rows: {
      carnetIds: string[];
      issuanceId: string;
      programmeId: string;
      holderId: string;
      actorId: string | null;
    },
  ): Promise<void> {
    return this.holders.recordMovements(manager, {
      carnetIds: rows.carnetIds,
      transferId: rows.issuanceId,
      programmeId: rows.programmeId,
      kind: 'ISSUE',
      fromHolderId: null,
      toHolderId: rows.holderId,
      actorId: rows.actorId,
      actorLabel: 'system:issuance',
      note: null,
    });
  }

  /** Who may take carnets out of a holder's stock: the owner's staff, or the holder's own people. */
  mayMoveFrom(actor: Principal, holder: CustodyHolder): boolean {
    const scope = OrganisationScope.of(actor);
    if (scope.all) return actor.type === 'user' && actor.role !== 'FINANCE_OFFICER';
    if (holder.kind === 'COMMUNE') return holder.commune?.organisationId === scope.organisationId;
    if (holder.kind === 'PRESCRIBER')
      return holder.prescriber?.organisationId === scope.organisationId;
    return false;
  }

  /** Whether the caller may be told that this holder has carnets: its own or its commune's. */
  private mayKnowOf(actor: Principal, holder: CustodyHolder): boolean {
    if (this.mayMoveFrom(actor, holder)) return true;
    const scope = OrganisationScope.of(actor);
    return (
      holder.kind === 'PRESCRIBER' &&
      holder.prescriber?.commune?.organisationId === scope.organisationId
    );
  }

  private async resolveTarget(
    manager: EntityManager,
    actor: Principal,
    programmeId: string,
    from: CustodyHolder,
    to: HolderRefDto,
  ): Promise<CustodyHolder> {
    const notFound = (field: string) =>
      new CustodyException(
        CustodyExceptionCode.HOLDER_NOT_FOUND,
        `No such ${to.kind.toLowerCase()} for this programme.`,
        [{ field, message: 'unknown, or not part of this programme' }],
      );
    switch (to.kind) {
      case 'PROGRAMME':
        return this.holders.programmeHolder(manager, programmeId);
      case 'COMMUNE': {
        const inseeCode =
          from.kind === 'PRESCRIBER' ? (to.inseeCode ?? from.prescriber?.inseeCode) : to.inseeCode;
        if (!inseeCode) throw notFound('to.inseeCode');
        if (from.kind === 'PRESCRIBER' && inseeCode !== from.prescriber?.inseeCode) {
          throw new CustodyException(
            CustodyExceptionCode.TRANSFER_NOT_ALLOWED,
            "A prescriber returns carnets to its own commune's stock.",
            [{ field: 'to.inseeCode', message: `must be ${from.prescriber?.inseeCode}` }],
          );
        }
        const enrolled = await this.holders.isEnrolled(manager, programmeId, inseeCode);
        if (!enrolled) throw notFound('to.inseeCode');
        return this.holders.communeHolder(manager, programmeId, inseeCode);
      }
      case 'PRESCRIBER': {
        if (!to.prescriberId) throw notFound('to.prescriberId');
        const prescriber = await this.holders.findPrescriber(manager, to.prescriberId);
        const scope = OrganisationScope.of(actor);
        if (!prescriber || (!scope.all && from.commune?.organisationId !== scope.organisationId)) {
          throw notFound('to.prescriberId');
        }
        if (from.kind === 'COMMUNE' && prescriber.inseeCode !== from.inseeCode) {
          throw new CustodyException(
            CustodyExceptionCode.TRANSFER_NOT_ALLOWED,
            'A commune supplies the prescribers of its own territory only.',
            [
              {
                field: 'to.prescriberId',
                message: `this structure belongs to commune ${prescriber.inseeCode}`,
              },
            ],
          );
        }
        return this.holders.prescriberHolder(manager, programmeId, prescriber.id);
      }
      case 'BENEFICIARY':
        throw new CustodyException(
          CustodyExceptionCode.TRANSFER_NOT_ALLOWED,
          'Carnets reach beneficiaries through the hand-out of the prescribers module, not a transfer.',
          [{ field: 'to.kind', message: 'BENEFICIARY is reached by hand-out' }],
        );
    }
  }
}

/** Carnets outside the caller's custody are as good as unknown to them. */
/** Carnets of a refused transfer held by someone else, per holder, as the refusal names them. */
export interface HeldElsewhere {
  holderId: string;
  kind: CustodyHolder['kind'];
  /** The holder's name (commune, structure), or null for the programme stock or a beneficiary. */
  name: string | null;
  count: number;
  /** @example "120-124" */
  serials: string;
}

/**
 * The holders of these carnets, when every one of them is a holder the caller may know of;
 * undefined when there is none, or one it may not.
 */
function whereHeld(
  carnets: { holder_id: string | null; serial: number }[],
  holders: CustodyHolder[],
  mayKnow: (holder: CustodyHolder) => boolean,
): HeldElsewhere[] | undefined {
  if (carnets.length === 0) return undefined;
  const byId = new Map(holders.map((h) => [h.id, h]));
  const groups = new Map<string, number[]>();
  for (const carnet of carnets) {
    if (!carnet.holder_id) return undefined;
    groups.set(carnet.holder_id, [...(groups.get(carnet.holder_id) ?? []), carnet.serial]);
  }
  const result: HeldElsewhere[] = [];
  for (const [holderId, serials] of groups) {
    const holder = byId.get(holderId);
    if (!holder || !mayKnow(holder)) return undefined;
    result.push({
      holderId,
      kind: holder.kind,
      name: holder.commune?.name ?? holder.prescriber?.name ?? null,
      count: serials.length,
      serials: serialRanges(serials),
    });
  }
  return result.sort((a, b) => b.count - a.count);
}

const carnets = (count: number, singular: string, plural: string) =>
  `${count} ${count === 1 ? `carnet ${singular}` : `carnets ${plural}`}`;

/**
 * The refusal in French, for the people who read it: « 5 carnets sont chez CCAS de Lens. »
 * (problem `detail`; the `heldBy` member says the same for programs).
 */
function notHeldDetail(
  heldBy: HeldElsewhere[],
  inactive: number,
  foreign: number,
  noneYours: boolean,
): string {
  const parts = heldBy.map((h) => {
    if (h.kind === 'BENEFICIARY') return carnets(h.count, 'a été remis', 'ont été remis');
    if (h.kind === 'PROGRAMME') {
      return `${carnets(h.count, 'est', 'sont')} dans le stock du programme`;
    }
    return `${carnets(h.count, 'est', 'sont')} chez ${h.name ?? 'un autre détenteur'}`;
  });
  if (inactive > 0) parts.push(carnets(inactive, 'est annulé', 'sont annulés'));
  if (foreign > 0)
    parts.push(carnets(foreign, "est d'un autre programme", "sont d'un autre programme"));
  const sentence = parts.join(', ');
  return noneYours
    ? `Ces carnets ne sont pas dans votre stock : ${sentence}.`
    : `Ces carnets ne sont pas tous dans le même stock : ${sentence}.`;
}

function notInYourCustody(): CustodyException {
  return new CustodyException(
    CustodyExceptionCode.CARNET_NOT_FOUND,
    'No such carnet in your custody.',
  );
}

/** The CHECK constraints of custody_holder, in the caller's words. */
function translateStockViolation(error: unknown): unknown {
  const constraint = violatedConstraint(error);
  if (constraint === 'CHK_custody_holder_allocation') {
    return new CustodyException(
      CustodyExceptionCode.ALLOCATION_EXCEEDED,
      'This transfer would give the commune more carnets than its allocation in force.',
      [{ field: 'to', message: 'over the allocation' }],
    );
  }
  if (constraint === 'CHK_custody_holder_stock' || constraint === 'CHK_custody_holder_received') {
    return new CustodyException(
      CustodyExceptionCode.STOCK_INSUFFICIENT,
      'The stock would go below zero; nothing was transferred.',
    );
  }
  return error;
}
