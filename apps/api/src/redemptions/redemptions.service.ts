import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  payability,
  presentedCheque,
  redemptionCancellableUntil,
  redemptionCancelRefusal,
  serviceDateRefusal,
  serviceRefusal,
  todayInParis,
  type NotPayableReason,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { ChequeException, ChequeExceptionCode } from '#src/cheques/cheque.exception.js';
import type { RedeemableRow } from '#src/cheques/cheques.repository.js';
import { chequeLocked, ChequesService } from '#src/cheques/cheques.service.js';
import type { FieldError } from '#src/common/domain.exception.js';
import { requestFingerprint } from '#src/common/idempotency/fingerprint.js';
import { keysetPage, type KeysetList } from '#src/common/keyset.js';
import type { KeysetPage } from '#src/common/pagination.dto.js';
import {
  IdempotencyService,
  type IdempotencyRequest,
  type IdempotentResponse,
} from '#src/common/idempotency/idempotency.service.js';
import { runInTransaction } from '#src/database/transaction.js';
import { VenueException } from '#src/venues/venue.exception.js';
import type { Venue } from '#src/venues/venue.entity.js';
import { VenueNetworksService } from '#src/venues/venue-networks.service.js';
import type {
  CreateRedemptionDto,
  ListRedemptionsQueryDto,
  RedemptionResponseDto,
} from './dto/redemption.dto.js';
import type { Redemption, RedemptionCheque } from './redemption.entity.js';
import { RedemptionException, RedemptionExceptionCode } from './redemption.exception.js';
import { RedemptionsRepository } from './redemptions.repository.js';

const REDEMPTION_LIST: KeysetList<'createdAt'> = {
  table: 'redemption',
  alias: 'redemption',
  idType: 'uuid',
  sortable: { createdAt: { property: 'createdAt', column: 'created_at' } },
  fallback: '-createdAt',
};

/** A cheque of the request, read from what was printed or scanned. */
interface Presented {
  index: number;
  number: string;
  securityCode: string;
}

/**
 * Wrong security codes found in a request: the refusal to answer, and the cheques whose count
 * must grow once the request's transaction has rolled back.
 */
class WrongCodes extends Error {
  constructor(
    readonly numbers: string[],
    readonly refusal: ChequeException,
  ) {
    super('wrong security codes');
  }
}

/**
 * What is stored under an Idempotency-Key for a request refused for a wrong security code: the
 * refusal itself, answered again to every retry, so that one typo retried (a lost answer on a
 * phone, a client's retry loop) counts once towards the cheque's lock, not once per retry.
 */
interface StoredRefusal {
  refusal: { code: ChequeExceptionCode; message: string; errors?: FieldError[] };
}

/**
 * Inside a transaction every query goes through its `manager`: a second connection taken while
 * holding one exhausts the pool under load, and the requests then wait on each other forever.
 *
 * Redemption, the hot path where public money is lost if a cheque is paid twice. All cheques of
 * a request are redeemed together or none, in one transaction that:
 * 1. claims the Idempotency-Key (a retry answers the redemption as it is now, does nothing twice);
 * 2. locks, in custody's one order, the prescribers' rows whose "started" tally a first use
 *    moves, then the cheques' carnets, in id order (ChequesService.lockForRedemption): a
 *    redemption, a cancellation and a hand-out's undo wait for each other, never deadlock;
 * 3. reads each cheque with its security hash, compares the code in constant time, and checks
 *    payability (libs/domain) to answer a precise refusal;
 * 4. moves the cheques with one conditional UPDATE … WHERE status = 'DISTRIBUTED' AND locked_at
 *    IS NULL (and their carnet ACTIVE) by primary key, and checks which rows it moved: the update
 *    decides, never the read before it;
 * 5. records the redemption and its cheques (one statement), the audit entry and the answer.
 * Wrong codes are counted after the rollback, in a transaction of their own that also stores the
 * refusal under the key.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly redemptions: RedemptionsRepository,
    private readonly cheques: ChequesService,
    private readonly venues: VenueNetworksService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A redemption as the HTTP route answers it: under an Idempotency-Key, once. A replay answers
   * the redemption as it is now, and 409 REDEMPTION_CANCELLED if its venue cancelled it since,
   * never a stale "redeemed"; a request refused for a wrong code answers that refusal to its
   * retries.
   */
  async redeemOnce(
    principal: Principal,
    input: CreateRedemptionDto,
    idempotency: IdempotencyRequest | null,
  ): Promise<IdempotentResponse<RedemptionResponseDto>> {
    const presented = presentedCheques(input);
    const request = idempotency && {
      ...idempotency,
      fingerprint: this.fingerprint(idempotency.operation, input, presented),
    };
    let outcome: IdempotentResponse<RedemptionResponseDto | StoredRefusal>;
    try {
      outcome = await runInTransaction(this.dataSource, (manager) =>
        this.idempotency.execute<RedemptionResponseDto | StoredRefusal>(
          manager,
          request,
          async (m) => ({
            status: HttpStatus.CREATED,
            body: await this.redeem(m, principal, input, presented),
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof WrongCodes)) throw error;
      outcome = await this.refuseWrongCodes(principal, request, error);
    }
    if ('refusal' in outcome.body) throw storedRefusal(outcome.body);
    if (!outcome.replayed) return outcome as IdempotentResponse<RedemptionResponseDto>;
    const now = await this.redemptions.find(outcome.body.id);
    if (now?.status === 'CANCELLED') {
      // Never a 201 for cheques that will not be paid: a client reading only the status would
      // tell the person they were redeemed.
      throw new RedemptionException(
        RedemptionExceptionCode.REDEMPTION_CANCELLED,
        `Redemption ${now.id} was cancelled since: its cheques are not redeemed.`,
        [{ field: 'Idempotency-Key', message: 'its redemption was cancelled since' }],
      );
    }
    return { ...outcome, body: now ? view(now, principal) : outcome.body };
  }

  /**
   * Counts the wrong codes once per request: in a transaction that claims the key and stores the
   * refusal with the count, so that a retry (or a duplicate running meanwhile) answers the stored
   * refusal and counts nothing.
   */
  private refuseWrongCodes(
    principal: Principal,
    request: IdempotencyRequest | null,
    wrong: WrongCodes,
  ): Promise<IdempotentResponse<RedemptionResponseDto | StoredRefusal>> {
    return runInTransaction(this.dataSource, (manager) =>
      this.idempotency.execute<RedemptionResponseDto | StoredRefusal>(
        manager,
        request,
        async (m) => {
          await this.cheques.recordWrongCodes(principal, wrong.numbers, m);
          const { code, message, errors } = wrong.refusal;
          return {
            status: wrong.refusal.code === ChequeExceptionCode.CHEQUE_LOCKED ? 423 : 404,
            body: { refusal: { code, message, errors } },
          };
        },
      ),
    );
  }

  /**
   * The request's fingerprint under its key, with each security code replaced by its keyed hash
   * (never stored in clear, nor as a plain hash one could search through) and the cheques as read
   * (a retry that spells a code or number otherwise is the same request).
   */
  private fingerprint(
    operation: string,
    input: CreateRedemptionDto,
    presented: Presented[],
  ): string {
    return requestFingerprint({
      operation,
      params: {},
      query: {},
      body: {
        ...input,
        cheques: presented.map((p) => ({
          number: p.number,
          code: this.cheques.codeDigest(p.number, p.securityCode),
        })),
      },
    });
  }

  private async redeem(
    manager: EntityManager,
    principal: Principal,
    input: CreateRedemptionDto,
    presented: Presented[],
  ): Promise<RedemptionResponseDto> {
    const venue = await this.venues.actingVenue(principal, input.venueId, manager);
    if (venue.qualificationStatus !== 'QUALIFIED') {
      throw new RedemptionException(
        RedemptionExceptionCode.VENUE_NOT_QUALIFIED,
        `${venue.name} is ${venue.qualificationStatus}: only qualified venues redeem cheques.`,
        [{ field: 'venueId', message: `venue ${venue.qualificationStatus}` }],
      );
    }
    const today = todayInParis();
    const numbers = presented.map((p) => p.number);
    const rows = await this.cheques.lockForRedemption(manager, numbers, venue);
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    const found = this.verify(presented, byNumber);

    const programmeId = found[0].row.programmeId;
    const other = found.find((f) => f.row.programmeId !== programmeId);
    if (other) {
      throw refusal(
        RedemptionExceptionCode.MIXED_PROGRAMMES,
        'Cheques of two programmes: redeem each programme’s cheques in a request of its own.',
        other.cheque,
        'another programme than cheques[0]',
      );
    }
    const service = serviceRefusal(input.service, venue.services, found[0].row.payableServices);
    if (service) {
      throw new RedemptionException(
        service === 'NOT_IN_VENUE_CATALOGUE'
          ? RedemptionExceptionCode.SERVICE_NOT_OFFERED
          : RedemptionExceptionCode.SERVICE_NOT_PAYABLE,
        service === 'NOT_IN_VENUE_CATALOGUE'
          ? `${input.service} is not in ${venue.name}'s catalogue of services.`
          : `The programme does not pay for ${input.service}.`,
        [
          {
            field: 'service',
            message:
              service === 'NOT_IN_VENUE_CATALOGUE'
                ? 'not offered by the venue'
                : 'not paid by the programme',
          },
        ],
      );
    }
    for (const { cheque, row } of found) {
      // A cheque of a cancelled (lost, stolen, replaced) carnet is never paid, whatever its own
      // status says.
      if (row.carnetStatus !== 'ACTIVE') throw notPayable('CANCELLED', cheque, venue);
      const verdict = payability(
        row,
        { qualificationStatus: venue.qualificationStatus, servesProgramme: row.servesProgramme },
        { status: row.programmeStatus },
        today,
      );
      if (!verdict.payable) throw notPayable(verdict.reason, cheque, venue);
      const date = serviceDateRefusal(input.serviceDate, today, row.handedOutOn);
      if (date === 'IN_FUTURE') {
        throw new RedemptionException(
          RedemptionExceptionCode.SERVICE_DATE_IN_FUTURE,
          `A service is paid once given: ${input.serviceDate} is after today (${today}).`,
          [{ field: 'serviceDate', message: 'in the future' }],
        );
      }
      if (date === 'BEFORE_HAND_OUT') {
        throw refusal(
          RedemptionExceptionCode.SERVICE_DATE_BEFORE_HAND_OUT,
          `The carnet of cheque ${cheque.number} was handed out on ${row.handedOutOn}, after the service date ${input.serviceDate}.`,
          cheque,
          `handed out on ${row.handedOutOn}`,
        );
      }
    }

    const moved = new Set(await this.cheques.redeem(manager, numbers));
    const missed = found.find(({ cheque }) => !moved.has(cheque.number));
    if (missed) {
      // Changed since it was read (a cancellation, the expiry, a lock by wrong codes sent
      // meanwhile): say what it is now. The transaction rolls back: none is redeemed.
      const { cheque } = missed;
      const state = await this.cheques.stateOf(manager, cheque.number);
      if (state?.status === 'DISTRIBUTED' && state.locked) {
        throw withField(chequeLocked(cheque.number), cheque);
      }
      const verdict = payability(
        { status: state?.status ?? 'CANCELLED', validUntil: '9999-12-31' },
        { qualificationStatus: venue.qualificationStatus, servesProgramme: true },
        { status: 'ACTIVE' },
        today,
      );
      throw notPayable(verdict.payable ? 'ALREADY_USED' : verdict.reason, cheque, venue);
    }

    const cheques = found.map(({ row }) => ({
      chequeNumber: row.number,
      faceValueCents: row.faceValueCents,
    }));
    const actor = {
      actorType: principal.type === 'user' ? ('USER' as const) : ('API_CLIENT' as const),
      actorId: principal.id,
      actorLabel: actorLabelOf(principal),
    };
    const fields = {
      venueId: venue.id,
      programmeId,
      service: input.service,
      serviceDate: input.serviceDate,
      durationMinutes: input.durationMinutes,
      participants: input.participants ?? 1,
    };
    const inserted = await this.redemptions.insert(manager, {
      ...fields,
      ...actor,
      cheques: cheques.map((c) => ({ number: c.chequeNumber, faceValueCents: c.faceValueCents })),
    });
    const redemption: RedemptionRecord = {
      ...fields,
      ...actor,
      ...inserted,
      venue: { name: venue.name },
      cheques,
      status: 'ACTIVE',
      cancelledAt: null,
      cancelledByLabel: null,
      reimbursementBatchId: null,
    };
    await this.audit.record(manager, principal, {
      action: 'redemption.created',
      entityType: 'redemption',
      entityId: inserted.id,
      after: {
        venueId: venue.id,
        venue: venue.name,
        programmeId,
        cheques: numbers,
        amountCents: inserted.amountCents,
        service: fields.service,
        serviceDate: fields.serviceDate,
        durationMinutes: fields.durationMinutes,
        participants: fields.participants,
        period: inserted.period,
      },
    });
    return view(redemption, principal);
  }

  /**
   * Every presented cheque exists, is not locked and carries its right code; else the refusal of
   * the first one that does not (by its place in the request), with every wrong code to count.
   * The venue is qualified (checked before); a wrong code counts only for a cheque of a programme
   * it serves (any other venue could lock cheques it will never see), and a locked cheque answers
   * 423 only to its right code: a wrong one is CHEQUE_NOT_FOUND, locked or not.
   */
  private verify(
    presented: Presented[],
    byNumber: Map<string, RedeemableRow>,
  ): { cheque: Presented; row: RedeemableRow }[] {
    const wrong: string[] = [];
    let first: ChequeException | null = null;
    const found: { cheque: Presented; row: RedeemableRow }[] = [];
    for (const cheque of presented) {
      const row = byNumber.get(cheque.number);
      let problem: ChequeException | null = null;
      if (!row) {
        problem = notFound(cheque);
      } else if (!this.cheques.codeMatches(cheque.number, cheque.securityCode, row.securityHash)) {
        if (row.lockedAt === null && row.servesProgramme) wrong.push(cheque.number);
        problem = notFound(cheque);
      } else if (row.lockedAt !== null && row.servesProgramme) {
        problem = withField(chequeLocked(cheque.number), cheque);
      } else {
        // Right code (locked or not, a programme the venue does not serve is refused below).
        found.push({ cheque, row });
      }
      first ??= problem;
    }
    if (wrong.length > 0) throw new WrongCodes(wrong, first!);
    if (first) throw first;
    return found;
  }

  /**
   * Cancels a redemption of the caller's venue within 24 h, while no reimbursement batch holds
   * it: its cheques go back to DISTRIBUTED and the redemption turns CANCELLED (who, when), a
   * compensating state recorded in the audit log; nothing is deleted.
   */
  cancel(principal: Principal, id: string): Promise<RedemptionResponseDto> {
    return runInTransaction(this.dataSource, async (manager) => {
      const seen = await this.visible(principal, id, manager);
      await this.assertMayCancel(principal, seen, manager);
      const numbers = (seen.cheques ?? []).map((c) => c.chequeNumber);
      // The prescribers' rows, then the carnets, as a redemption locks them: a cancellation and
      // a redemption (or a hand-out's undo) of the same carnet wait for each other, never
      // deadlock.
      const carnets = await this.cheques.lockForUnredemption(manager, numbers);
      const redemption = (await this.redemptions.lock(manager, id))!;
      const refusal = redemptionCancelRefusal(redemption, new Date());
      if (!refusal && carnets.some((k) => k.status !== 'ACTIVE')) {
        // Cancelled since (lost, stolen, replaced): its cheques must never be payable again, and
        // its replacement was worth only the cheques still unused then.
        throw new RedemptionException(
          RedemptionExceptionCode.REDEMPTION_CARNET_CANCELLED,
          'The carnet of a cheque of this redemption was cancelled since: the redemption stands.',
          [{ field: 'id', message: 'carnet cancelled' }],
        );
      }
      if (refusal) {
        throw new RedemptionException(
          RedemptionExceptionCode.REDEMPTION_NOT_CANCELLABLE,
          refusal === 'ALREADY_CANCELLED'
            ? 'This redemption is already cancelled.'
            : refusal === 'IN_BATCH'
              ? 'A reimbursement batch holds this redemption: it can no longer be cancelled.'
              : 'A redemption can be cancelled within 24 hours only.',
          [{ field: 'id', message: refusal }],
        );
      }
      const moved = await this.cheques.unredeem(manager, numbers);
      if (moved !== numbers.length) {
        // A cheque left REDEEMED (into a batch): the batch holds it even if its column is unset.
        throw new RedemptionException(
          RedemptionExceptionCode.REDEMPTION_NOT_CANCELLABLE,
          'A cheque of this redemption is already in a reimbursement batch.',
          [{ field: 'id', message: 'IN_BATCH' }],
        );
      }
      const cancelledAt = await this.redemptions.markCancelled(manager, id, {
        id: principal.id,
        label: actorLabelOf(principal),
      });
      if (!cancelledAt) {
        // Locked above, so unreachable; but cheques moved back must never leave it ACTIVE.
        throw new RedemptionException(
          RedemptionExceptionCode.REDEMPTION_NOT_CANCELLABLE,
          'This redemption changed meanwhile: it can no longer be cancelled.',
        );
      }
      await this.audit.record(manager, principal, {
        action: 'redemption.cancelled',
        entityType: 'redemption',
        entityId: id,
        before: { status: 'ACTIVE' },
        after: { status: 'CANCELLED', cheques: numbers, amountCents: redemption.amountCents },
      });
      return view(
        {
          ...seen,
          status: 'CANCELLED',
          cancelledAt,
          cancelledByLabel: actorLabelOf(principal),
        },
        principal,
      );
    });
  }

  /**
   * Only the venue that redeemed cancels: its staff, or an API client acting for it (its own
   * client; a network's client only for the redemptions it made itself, as a venue may belong to
   * networks of several vendors). Never the programme owner's staff, ADMIN included: 403
   * REDEMPTION_NOT_YOURS.
   */
  private async assertMayCancel(
    principal: Principal,
    redemption: Redemption,
    manager: EntityManager,
  ): Promise<void> {
    let allowed = false;
    if (principal.organisationKind === 'VENUE') {
      const staffOrClient = principal.type === 'client' || principal.role === 'VENUE_STAFF';
      const venues = await this.venues.readableVenueIds(principal, manager);
      allowed = staffOrClient && venues !== null && venues.includes(redemption.venueId);
    } else if (principal.organisationKind === 'VENUE_NETWORK' && principal.type === 'client') {
      allowed = redemption.actorType === 'API_CLIENT' && redemption.actorId === principal.id;
    }
    if (!allowed) {
      throw new RedemptionException(
        RedemptionExceptionCode.REDEMPTION_NOT_YOURS,
        'Only the venue that redeemed cancels a redemption: its staff, or the software that made it.',
      );
    }
  }

  async get(principal: Principal, id: string): Promise<RedemptionResponseDto> {
    return view(await this.visible(principal, id), principal);
  }

  /**
   * Redemptions, newest first: a venue's own (a network's, its venues'); the programme owner's
   * staff all of them, filtered by venue, programme, period (YYYY-MM) or status. Paged by key.
   */
  async list(
    principal: Principal,
    query: ListRedemptionsQueryDto,
  ): Promise<KeysetPage<RedemptionResponseDto>> {
    const q = this.redemptions.listQuery();
    const filter = query.filter ?? {};
    const venues = await this.venues.readableVenueIds(principal);
    if (venues !== null) q.andWhere('redemption.venue_id = ANY(:venues)', { venues });
    if (filter.venueId) q.andWhere('redemption.venue_id = :venueId', { venueId: filter.venueId });
    if (filter.programmeId) {
      q.andWhere('redemption.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    if (filter.period) q.andWhere('redemption.period = :period', { period: filter.period });
    if (filter.status) q.andWhere('redemption.status = :status', { status: filter.status });
    const page = await keysetPage(q, query, REDEMPTION_LIST);
    await this.redemptions.attachCheques(page.data);
    return { data: page.data.map((r) => view(r, principal)), meta: page.meta };
  }

  /** A redemption the caller may read; 404 alike for unknown and another venue's. */
  private async visible(
    principal: Principal,
    id: string,
    manager?: EntityManager,
  ): Promise<Redemption> {
    const redemption = await this.redemptions.find(id, manager);
    if (!redemption) throw notFoundRedemption(id);
    const venues = await this.venues.readableVenueIds(principal, manager);
    if (venues !== null && !venues.includes(redemption.venueId)) throw notFoundRedemption(id);
    return redemption;
  }
}

/**
 * The request's cheques, read before any lookup: a number that is no cheque number (typo, wrong
 * length) is refused at once, and so is the same cheque twice or one without its code.
 */
function presentedCheques(input: CreateRedemptionDto): Presented[] {
  const seen = new Map<string, number>();
  return input.cheques.map((given, index) => {
    const read = presentedCheque(given.number, given.securityCode);
    if (!read.ok) {
      throw new ChequeException(
        ChequeExceptionCode.INVALID_CHEQUE_NUMBER,
        `cheques[${index}] is not a cheque number: 12 digits whose last one is a check digit, or the cheque's QR code. Check for a typo.`,
        [{ field: `cheques[${index}].number`, message: 'invalid check digit or length' }],
      );
    }
    if (read.securityCode === null) {
      throw new RedemptionException(
        RedemptionExceptionCode.SECURITY_CODE_REQUIRED,
        `cheques[${index}] needs the security code printed on the cheque (or scan its QR code).`,
        [{ field: `cheques[${index}].securityCode`, message: 'required' }],
      );
    }
    const earlier = seen.get(read.number);
    if (earlier !== undefined) {
      throw new RedemptionException(
        RedemptionExceptionCode.DUPLICATE_CHEQUE,
        `cheques[${index}] is the same cheque as cheques[${earlier}].`,
        [{ field: `cheques[${index}].number`, message: `same cheque as cheques[${earlier}]` }],
      );
    }
    seen.set(read.number, index);
    return { index, number: read.number, securityCode: read.securityCode };
  });
}

function refusal(
  code: RedemptionExceptionCode,
  message: string,
  cheque: Presented,
  why: string,
): RedemptionException {
  return new RedemptionException(code, message, [
    { field: `cheques[${cheque.index}]`, message: why },
  ]);
}

function notFound(cheque: Presented): ChequeException {
  return new ChequeException(
    ChequeExceptionCode.CHEQUE_NOT_FOUND,
    `cheques[${cheque.index}]: no cheque ${cheque.number} with this security code.`,
    [{ field: `cheques[${cheque.index}]`, message: 'unknown number or wrong security code' }],
  );
}

function withField(error: ChequeException, cheque: Presented): ChequeException {
  return new ChequeException(error.code, error.message, [
    { field: `cheques[${cheque.index}]`, message: 'locked after wrong security codes' },
  ]);
}

/** A payability reason as the refusal a venue reads. */
function notPayable(
  reason: NotPayableReason,
  cheque: Presented,
  venue: Venue,
): RedemptionException | VenueException {
  const n = cheque.number;
  switch (reason) {
    case 'VENUE_NOT_SERVING':
      return refusal(
        RedemptionExceptionCode.PROGRAMME_NOT_SERVED,
        `${venue.name} does not serve the programme of cheque ${n}: none of its communes is enrolled.`,
        cheque,
        'programme not served by the venue',
      );
    case 'PROGRAMME_NOT_ACTIVE':
      return refusal(
        RedemptionExceptionCode.PROGRAMME_NOT_ACTIVE,
        `The programme of cheque ${n} is closed: its cheques are no longer paid.`,
        cheque,
        'programme not active',
      );
    case 'NOT_HANDED_OUT':
      return refusal(
        RedemptionExceptionCode.CHEQUE_NOT_HANDED_OUT,
        `Cheque ${n} was never handed out to anyone: it cannot be spent.`,
        cheque,
        'not handed out',
      );
    case 'ALREADY_USED':
      return refusal(
        RedemptionExceptionCode.CHEQUE_ALREADY_REDEEMED,
        `Cheque ${n} is already redeemed.`,
        cheque,
        'already redeemed',
      );
    case 'CANCELLED':
      return refusal(
        RedemptionExceptionCode.CHEQUE_CANCELLED,
        `Cheque ${n} is cancelled (lost, stolen or withdrawn).`,
        cheque,
        'cancelled',
      );
    case 'EXPIRED':
      return refusal(
        RedemptionExceptionCode.CHEQUE_EXPIRED,
        `Cheque ${n} has expired.`,
        cheque,
        'expired',
      );
    case 'PAST_VALIDITY':
      return refusal(
        RedemptionExceptionCode.CHEQUE_PAST_VALIDITY,
        `Cheque ${n} is past its validity end date.`,
        cheque,
        'past its validity',
      );
    case 'VENUE_NOT_QUALIFIED':
    case 'NOT_A_VENUE':
      return new RedemptionException(
        RedemptionExceptionCode.VENUE_NOT_QUALIFIED,
        `${venue.name} may not redeem cheques.`,
        [{ field: 'venueId', message: 'venue not qualified' }],
      );
  }
}

function notFoundRedemption(id: string): RedemptionException {
  return new RedemptionException(
    RedemptionExceptionCode.REDEMPTION_NOT_FOUND,
    `No redemption ${id} for you.`,
  );
}

/** What a redemption's answer is made of: a row read back, or what was just written. */
type RedemptionRecord = Pick<
  Redemption,
  | 'id'
  | 'venueId'
  | 'programmeId'
  | 'amountCents'
  | 'service'
  | 'serviceDate'
  | 'durationMinutes'
  | 'participants'
  | 'period'
  | 'status'
  | 'actorType'
  | 'actorLabel'
  | 'createdAt'
  | 'cancelledAt'
  | 'cancelledByLabel'
  | 'reimbursementBatchId'
> & {
  venue?: Pick<Venue, 'name'>;
  cheques?: Pick<RedemptionCheque, 'chequeNumber' | 'faceValueCents'>[];
};

/** A refusal stored under a key, thrown again as it was first thrown. */
function storedRefusal({ refusal }: StoredRefusal): ChequeException {
  return new ChequeException(refusal.code, refusal.message, refusal.errors);
}

/**
 * A redemption as the caller reads it. API clients (third-party software) never get a staff
 * member's e-mail: a user who redeemed or cancelled reads as their role, VENUE_STAFF.
 */
function view(r: RedemptionRecord, caller: Principal): RedemptionResponseDto {
  // actorLabelOf: a client's label is `api-client:<name>`, a user's their e-mail.
  const who = (label: string): string =>
    caller.type === 'client' && !label.startsWith('api-client:') ? 'VENUE_STAFF' : label;
  return {
    id: r.id,
    venueId: r.venueId,
    venueName: r.venue?.name ?? '',
    programmeId: r.programmeId,
    cheques: (r.cheques ?? []).map((c) => ({
      number: c.chequeNumber,
      faceValueCents: c.faceValueCents,
    })),
    amountCents: r.amountCents,
    currency: 'EUR',
    service: r.service,
    serviceDate: r.serviceDate,
    durationMinutes: r.durationMinutes,
    participants: r.participants,
    period: r.period,
    status: r.status,
    redeemedBy: r.actorType === 'API_CLIENT' ? r.actorLabel : who(r.actorLabel),
    createdAt: r.createdAt,
    cancellableUntil: redemptionCancellableUntil(r.createdAt),
    cancelledAt: r.cancelledAt,
    cancelledBy: r.cancelledByLabel === null ? null : who(r.cancelledByLabel),
    reimbursementBatchId: r.reimbursementBatchId,
  };
}
