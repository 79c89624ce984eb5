import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  assertChequeMove,
  isUnusedCheque,
  isValidChequeNumber,
  MAX_SECURITY_CODE_FAILURES,
  normaliseChequeNumber,
  payability,
  presentedCheque,
  securityCodeHash,
  securityCodeMatches,
  todayInParis,
  venueCommuneCodes,
  type CancellationReason,
  type ChequeStatus,
  type NotPayableReason as DomainNotPayableReason,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEvent } from '#src/audit/audit-event.entity.js';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import { Programme } from '#src/funders/programme.entity.js';
import type { Venue } from '#src/venues/venue.entity.js';
import { VenueNetworksService } from '#src/venues/venue-networks.service.js';
import type { Carnet, CarnetStatus } from './carnet.entity.js';
import type { Cheque } from './cheque.entity.js';
import { ChequesRepository, type RedeemableRow } from './cheques.repository.js';
import { ChequeException, ChequeExceptionCode } from './cheque.exception.js';
import { CustodyException, CustodyExceptionCode } from '#src/custody/custody.exception.js';
import { CustodyService, holderLabel } from '#src/custody/custody.service.js';
import { runInTransaction } from '#src/database/transaction.js';

/**
 * Why a cheque cannot be paid at this venue today (libs/domain `payability`). A venue never hears
 * VENUE_NOT_SERVING: such a cheque is an unknown number to it.
 */
export type NotPayableReason = Exclude<DomainNotPayableReason, 'VENUE_NOT_SERVING'>;

export interface ChequeCheck {
  cheque: Cheque;
  carnet: Carnet;
  programme: Programme;
  payableHere: boolean;
  reason: NotPayableReason | null;
}

export interface CancellationInput {
  reason: CancellationReason;
  comment?: string | null;
}

@Injectable()
export class ChequesService {
  constructor(
    private readonly keys: ChequeKeys,
    private readonly cheques: ChequesRepository,
    private readonly custody: CustodyService,
    private readonly venues: VenueNetworksService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A cheque as a venue (or its API client) sees it when a person presents it. The number's check
   * digit is verified before any lookup; then unknown numbers, wrong security codes and cheques
   * of programmes the venue does not serve all answer the same CHEQUE_NOT_FOUND, so the answer
   * never confirms that a number exists. A wrong code from a qualified venue serving the
   * cheque's programme counts towards the cheque's lock; a locked cheque answers 423
   * CHEQUE_LOCKED only to the right code (a wrong one is CHEQUE_NOT_FOUND, as ever). The
   * programme owner's staff look up without a code.
   * A network's API client names the member venue it checks for (`venueId`). The number may be
   * the scanned QR payload (`PN1:<number>:<code>`), whose code then counts unless one is given.
   */
  async check(
    principal: Principal,
    rawNumber: string,
    givenCode: string | undefined,
    venueId?: string,
    today = todayInParis(),
  ): Promise<ChequeCheck> {
    const read = presentedCheque(rawNumber, givenCode);
    if (!read.ok) throw invalidNumber();
    const { number } = read;
    const securityCode = read.securityCode ?? undefined;
    const notFound = new ChequeException(
      ChequeExceptionCode.CHEQUE_NOT_FOUND,
      `No cheque ${number} for you.`,
    );
    const owner = OrganisationScope.of(principal).all;
    let venue: Venue | null = null;
    if (!owner) venue = await this.venues.actingVenue(principal, venueId);
    const row = await this.cheques.findForCheck(number);
    if (!row) {
      // Same work as for a wrong code, so that timing does not tell which numbers exist.
      securityCodeMatches(this.keys.codeHashKey, number, securityCode ?? '', Buffer.alloc(32));
      throw notFound;
    }
    let servesProgramme = false;
    if (venue) {
      if (!securityCode) throw notFound;
      servesProgramme = await this.venueServesProgramme(venue, row.programmeId);
      // Only a qualified venue serving the cheque's programme may count a wrong code (any other
      // could lock cheques it will never see), and only the right code learns of the lock.
      const counts = venue.qualificationStatus === 'QUALIFIED' && servesProgramme;
      if (!this.codeMatches(number, securityCode, row.securityHash)) {
        if (counts && row.lockedAt === null) await this.recordWrongCodes(principal, [number]);
        throw notFound;
      }
      if (!servesProgramme) throw notFound;
      if (row.lockedAt !== null) throw chequeLocked(number);
      if (counts && row.codeFailures > 0) await this.cheques.clearCodeFailures(number);
    }
    const verdict = payability(
      row,
      venue && { qualificationStatus: venue.qualificationStatus, servesProgramme },
      row.programme!,
      today,
    );
    let reason: NotPayableReason | null = null;
    if (!verdict.payable) {
      if (verdict.reason === 'VENUE_NOT_SERVING') throw notFound;
      reason = verdict.reason;
    }
    const { carnet, programme, ...cheque } = row;
    return {
      cheque: cheque,
      carnet: carnet!,
      programme: programme!,
      payableHere: reason === null,
      reason,
    };
  }

  /** A venue serves a programme when its commune, or a commune it visits, is enrolled in it. */
  async venueServesProgramme(
    venue: Pick<Venue, 'inseeCode' | 'servedInseeCodes'>,
    programmeId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const codes = venueCommuneCodes(venue);
    if (codes.length === 0) return false;
    return this.cheques.enrolledAny(programmeId, codes, manager);
  }

  /**
   * The keyed hash of a presented code (hex), as stored for the cheque: what may stand for the
   * code where something must be compared later (an idempotent request's fingerprint), since
   * without the key it tells nothing about the code.
   */
  codeDigest(number: string, securityCode: string): string {
    return securityCodeHash(this.keys.codeHashKey, number, securityCode).toString('hex');
  }

  /** Constant-time comparison of a presented code with the stored hash. */
  codeMatches(number: string, securityCode: string, storedHash: Buffer): boolean {
    return securityCodeMatches(this.keys.codeHashKey, number, securityCode, storedHash);
  }

  /**
   * Counts a wrong security code for each of these cheques, in one short transaction of its own
   * or in the caller's `manager` (the request that gave them is refused, and its rollback must
   * not take the count with it). The fifth locks a cheque: one audit entry per cheque it locks,
   * the code itself never written.
   */
  async recordWrongCodes(
    actor: Principal,
    numbers: string[],
    manager?: EntityManager,
  ): Promise<void> {
    if (numbers.length === 0) return;
    const count = async (m: EntityManager): Promise<void> => {
      const locked = await this.cheques.addCodeFailures(m, numbers, MAX_SECURITY_CODE_FAILURES);
      for (const { number, failures } of locked) {
        await this.audit.record(m, actor, {
          action: 'cheque.locked',
          entityType: 'cheque',
          entityId: number,
          after: { codeFailures: failures },
        });
      }
    };
    if (manager) await count(manager);
    else await runInTransaction(this.dataSource, count);
  }

  /** Unlocks a cheque locked by wrong codes (a programme manager, once the holder is known). */
  unlock(actor: Principal, rawNumber: string): Promise<Cheque> {
    const number = validNumber(rawNumber);
    return runInTransaction(this.dataSource, async (manager) => {
      const unlocked = await this.cheques.unlock(manager, number);
      if (!unlocked) {
        if (!(await this.cheques.statusOf(manager, number))) {
          throw new ChequeException(ChequeExceptionCode.CHEQUE_NOT_FOUND, `No cheque ${number}.`);
        }
        throw new ChequeException(
          ChequeExceptionCode.CHEQUE_NOT_LOCKED,
          `Cheque ${number} is not locked.`,
        );
      }
      await this.audit.record(manager, actor, {
        action: 'cheque.unlocked',
        entityType: 'cheque',
        entityId: number,
        before: { codeFailures: unlocked.failures, lockedAt: unlocked.lockedAt },
        after: { codeFailures: 0, lockedAt: null },
      });
      return this.cheques.getCheque(manager, number);
    });
  }

  /**
   * A redemption's cheques, read once locked in the one order custody keeps: the prescribers'
   * rows whose tally a first use moves, then the carnets, in id order (lockTalliedHolders).
   * Unknown numbers are absent; `servesProgramme` says whether the venue's communes are enrolled
   * in each cheque's programme.
   */
  async lockForRedemption(
    manager: EntityManager,
    numbers: string[],
    venue: Pick<Venue, 'inseeCode' | 'servedInseeCodes'>,
  ): Promise<RedeemableRow[]> {
    await this.cheques.lockTalliedHolders(manager, numbers, true);
    await this.cheques.lockCarnetsOf(manager, numbers);
    return this.cheques.redeemable(manager, numbers, venueCommuneCodes(venue));
  }

  /**
   * Locks what a cancelled redemption moves, in the same order: the prescribers' rows of the
   * cheques' carnets, then the carnets, whose status it answers.
   */
  async lockForUnredemption(
    manager: EntityManager,
    numbers: string[],
  ): Promise<{ id: string; status: CarnetStatus }[]> {
    await this.cheques.lockTalliedHolders(manager, numbers, false);
    return this.cheques.lockCarnetsOf(manager, numbers);
  }

  /**
   * Redeems these cheques, each only if it is still DISTRIBUTED, unlocked and of an ACTIVE carnet
   * (one conditional update by primary key); answers the ones it moved, whatever was read before.
   */
  redeem(manager: EntityManager, numbers: string[]): Promise<string[]> {
    assertChequeMove('DISTRIBUTED', 'REDEEMED');
    return this.cheques.redeem(manager, numbers);
  }

  /** A redemption cancelled: its REDEEMED cheques are DISTRIBUTED again; returns how many. */
  unredeem(manager: EntityManager, numbers: string[]): Promise<number> {
    assertChequeMove('REDEEMED', 'DISTRIBUTED');
    return this.cheques.unredeem(manager, numbers);
  }

  /** Its status now, and whether wrong codes locked it. */
  stateOf(
    manager: EntityManager,
    number: string,
  ): Promise<{ status: ChequeStatus; locked: boolean } | null> {
    return this.cheques.stateOf(manager, number);
  }

  /**
   * Every event of a cheque: its own, its carnet's (custody, cancellation, expiry, code renewal)
   * and its issuance run's.
   */
  async events(rawNumber: string): Promise<AuditEvent[]> {
    const number = validNumber(rawNumber);
    const cheque = await this.cheques.findWithCarnet(number);
    if (!cheque)
      throw new ChequeException(ChequeExceptionCode.CHEQUE_NOT_FOUND, `No cheque ${number}.`);
    const carnet = cheque.carnet!;
    return this.cheques.events(number, {
      id: carnet.id,
      serial: carnet.serial,
      programmeId: carnet.programmeId,
      issuanceId: carnet.issuanceId,
    });
  }

  /**
   * A carnet handed out: its ISSUED cheques become DISTRIBUTED, payable at venues. The caller
   * holds the carnet (its custody move) and records the one audit entry of the hand-out.
   * Returns how many cheques were distributed.
   */
  distributeCarnet(manager: EntityManager, carnetId: string): Promise<number> {
    assertChequeMove('ISSUED', 'DISTRIBUTED');
    return this.cheques.moveCarnetCheques(manager, carnetId, 'ISSUED', 'DISTRIBUTED');
  }

  /** A hand-out undone: the carnet's DISTRIBUTED cheques are ISSUED again (in stock). */
  undistributeCarnet(manager: EntityManager, carnetId: string): Promise<number> {
    assertChequeMove('DISTRIBUTED', 'ISSUED');
    return this.cheques.moveCarnetCheques(manager, carnetId, 'DISTRIBUTED', 'ISSUED');
  }

  /**
   * Locks a carnet (before any of its cheques: the order redemption takes too) and counts its
   * used cheques and its ISSUED ones still valid on `today`. Null when there is no such carnet.
   */
  async lockCarnetCheques(
    manager: EntityManager,
    carnetId: string,
    today: string,
  ): Promise<{ used: number; issuedValid: number } | null> {
    if (!(await this.cheques.lockCarnet(manager, carnetId))) return null;
    return this.cheques.carnetChequeCounts(manager, carnetId, today);
  }

  /** The carnet a cheque belongs to (a hand-out may name a carnet by one of its cheques). */
  async carnetIdOf(number: string): Promise<string | null> {
    return (await this.cheques.findWithCarnet(number))?.carnetId ?? null;
  }

  /** Cancels one unused cheque (lost, stolen, damaged, withdrawn). */
  cancelCheque(actor: Principal, rawNumber: string, input: CancellationInput): Promise<Cheque> {
    const number = validNumber(rawNumber);
    return runInTransaction(this.dataSource, async (manager) => {
      const cheque = await this.cheques.lockCheque(manager, number);
      if (!cheque)
        throw new ChequeException(ChequeExceptionCode.CHEQUE_NOT_FOUND, `No cheque ${number}.`);
      if (!isUnusedCheque(cheque.status)) {
        throw new ChequeException(
          ChequeExceptionCode.CHEQUE_NOT_CANCELLABLE,
          `Cheque ${number} is ${cheque.status}: only unused cheques (ISSUED, DISTRIBUTED) can be cancelled.`,
        );
      }
      assertChequeMove(cheque.status, 'CANCELLED');
      const before = { status: cheque.status };
      await this.cheques.cancelCheque(manager, number, input.reason);
      await this.audit.record(manager, actor, {
        action: 'cheque.cancelled',
        entityType: 'cheque',
        entityId: number,
        before,
        after: { status: 'CANCELLED', reason: input.reason, comment: input.comment ?? null },
      });
      return this.cheques.getCheque(manager, number);
    });
  }

  /**
   * Cancels a carnet: its unused cheques are cancelled with the reason, and the carnet leaves its
   * holder's stock (a WRITE_OFF row in the ledger). Used cheques keep their status: they were
   * spent and their venues are paid.
   */
  cancelCarnet(actor: Principal, carnetId: string, input: CancellationInput): Promise<Carnet> {
    return runInTransaction(this.dataSource, async (manager) => {
      // Holders first (a beneficiary's with its prescriber's row, which the ledger's trigger
      // updates), then the carnet: the order transfers and redemptions lock in, so none of them
      // deadlocks with this.
      const seen = await this.cheques.findCarnet(manager, carnetId);
      if (seen?.holderId) await this.custody.lockHoldersWithTallies(manager, [seen.holderId]);
      const carnet = await this.lockCarnet(manager, carnetId);
      if (carnet.status !== 'ACTIVE' || !carnet.holderId || carnet.holderId !== seen?.holderId) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_CANCELLABLE,
          carnet.status === 'ACTIVE'
            ? `Carnet ${carnet.serial} was moved meanwhile: try again.`
            : `Carnet ${carnet.serial} is already cancelled.`,
        );
      }
      const [holder] = await this.custody.holdersWithNames(manager, [carnet.holderId]);
      await this.custody.move(manager, actor, [carnet], holder, null, 'WRITE_OFF', input.reason, {
        reason: input.reason,
        comment: input.comment ?? null,
      });
      const cancelled = await this.cheques.cancelUnusedOf(manager, carnet.id, input.reason);
      await this.audit.record(manager, actor, {
        action: 'carnet.cancelled',
        entityType: 'carnet',
        entityId: carnet.id,
        before: { status: 'ACTIVE', holder: holderLabel(holder) },
        after: {
          status: 'CANCELLED',
          reason: input.reason,
          comment: input.comment ?? null,
          cancelledCheques: cancelled.sort(),
        },
      });
      return this.cheques.getCarnet(manager, carnet.id);
    });
  }

  /**
   * A replacement for a cancelled carnet: the lowest-serial carnet of the programme's stock goes
   * straight to the cancelled carnet's last holder (a REPLACEMENT row in the ledger), linked to
   * it. It is worth what was lost: its cheques beyond the number the cancellation voided are
   * cancelled as REPLACEMENT_SURPLUS, so a replacement never adds value.
   */
  replace(actor: Principal, carnetId: string): Promise<Carnet> {
    return runInTransaction(this.dataSource, async (manager) => {
      // Holders first (the stock, the last holder and, for a beneficiary, its prescriber's row,
      // which the ledger's trigger updates), then the carnets, as everywhere else. A cancelled
      // carnet's last holder never changes, so reading it before the lock is safe.
      const seen = await this.cheques.findCarnet(manager, carnetId);
      if (seen?.status === 'CANCELLED' && seen.lastHolderId) {
        const stockHolder = await this.custody.programmeHolder(manager, seen.programmeId);
        await this.custody.lockHoldersWithTallies(manager, [stockHolder.id, seen.lastHolderId]);
      }
      const cancelled = await this.lockCarnet(manager, carnetId);
      if (cancelled.status !== 'CANCELLED' || !cancelled.lastHolderId) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} is not cancelled.`,
        );
      }
      if (await this.cheques.isReplaced(manager, cancelled.id)) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} was already replaced.`,
        );
      }
      const lost = await this.cheques.lostCheques(manager, cancelled.id);
      if (lost === 0) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} had no unused cheque to replace.`,
        );
      }
      const stock = await this.custody.programmeHolder(manager, cancelled.programmeId);
      await this.custody.lockHolders(manager, [stock.id, cancelled.lastHolderId]);
      // The first stock carnet of a finished run whose cheques are all unused and still valid,
      // so that the replacement is worth exactly what was lost.
      const candidate = await this.cheques.replacementCandidate(manager, stock.id, todayInParis());
      if (candidate) await this.custody.assertRunsDone(manager, [candidate.issuance_id]);
      if (!candidate) {
        throw new ChequeException(
          ChequeExceptionCode.PROGRAMME_STOCK_EMPTY,
          'The programme stock has no carnet left for a replacement.',
        );
      }
      const [to] = await this.custody.holdersWithNames(manager, [cancelled.lastHolderId]);
      await this.custody.move(
        manager,
        actor,
        [candidate],
        stock,
        to,
        'REPLACEMENT',
        `replaces ${cancelled.serial}`,
      );
      await this.cheques.markReplacement(manager, candidate.id, cancelled.id);
      // The candidate's cheques are all ISSUED (REPLACEMENT_CANDIDATE_SQL), the only ones taken.
      assertChequeMove('ISSUED', 'CANCELLED');
      const surplus = await this.cheques.cancelSurplus(manager, candidate.id, lost);
      // A carnet lost by the person it was handed out to is replaced in their hands: its cheques
      // are payable at once, as the lost ones were.
      const distributed =
        to.kind === 'BENEFICIARY' ? await this.distributeCarnet(manager, candidate.id) : 0;
      await this.audit.record(manager, actor, {
        action: 'carnet.replacement-issued',
        entityType: 'carnet',
        entityId: candidate.id,
        after: {
          replaces: cancelled.id,
          replacesSerial: cancelled.serial,
          holder: holderLabel(to),
          validCheques: lost,
          surplusCancelled: surplus.sort(),
          distributed,
        },
      });
      await this.audit.record(manager, actor, {
        action: 'carnet.replaced',
        entityType: 'carnet',
        entityId: cancelled.id,
        after: { replacement: candidate.id, replacementSerial: candidate.serial },
      });
      return this.cheques.getCarnet(manager, candidate.id);
    });
  }

  private async lockCarnet(manager: EntityManager, id: string): Promise<Carnet> {
    const carnet = await this.cheques.lockCarnet(manager, id);
    if (!carnet)
      throw new CustodyException(CustodyExceptionCode.CARNET_NOT_FOUND, `No carnet ${id}.`);
    return carnet;
  }
}

function validNumber(raw: string): string {
  const number = normaliseChequeNumber(raw);
  if (!isValidChequeNumber(number)) throw invalidNumber();
  return number;
}

/** 400 for what is no cheque number; what was sent is not repeated (it may hold a code). */
function invalidNumber(): ChequeException {
  return new ChequeException(
    ChequeExceptionCode.INVALID_CHEQUE_NUMBER,
    'This is not a cheque number: 12 digits whose last one is a check digit, or the cheque’s QR code. Check for a typo.',
    [{ field: 'number', message: 'invalid check digit or length' }],
  );
}

/** 423: too many wrong codes were given for this cheque. */
export function chequeLocked(number: string): ChequeException {
  return new ChequeException(
    ChequeExceptionCode.CHEQUE_LOCKED,
    `Cheque ${number} is locked after ${MAX_SECURITY_CODE_FAILURES} wrong security codes: the programme's managers can unlock it.`,
  );
}
