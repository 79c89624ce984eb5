import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  isUnusedCheque,
  isValidChequeNumber,
  mayRedeem,
  normaliseChequeNumber,
  securityCodeMatches,
  type CancellationReason,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from '#src/audit/audit-event.entity.js';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/auth/principal.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Venue } from '#src/venues/venue.entity.js';
import { Carnet } from './carnet.entity.js';
import { ChequeKeys } from './cheque-keys.js';
import { Cheque } from './cheque.entity.js';
import { ChequeException, ChequeExceptionCode } from './cheque.exception.js';
import { CustodyService, holderLabel } from '#src/custody/custody.service.js';

/** Why a cheque cannot be paid at this venue today, when it cannot. */
export type NotPayableReason =
  | 'PROGRAMME_NOT_ACTIVE'
  | 'NOT_HANDED_OUT'
  | 'ALREADY_USED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'PAST_VALIDITY'
  | 'VENUE_NOT_QUALIFIED'
  | 'NOT_A_VENUE';

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
    private readonly custody: CustodyService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A cheque as a venue (or its API client) sees it when a person presents it. The number's check
   * digit is verified before any lookup; then unknown numbers, wrong security codes and cheques
   * of programmes the venue does not serve all answer the same CHEQUE_NOT_FOUND, so the answer
   * never confirms that a number exists. The programme owner's staff look up without a code.
   */
  async check(
    principal: Principal,
    rawNumber: string,
    securityCode: string | undefined,
    today = todayInParis(),
  ): Promise<ChequeCheck> {
    const number = validNumber(rawNumber);
    const notFound = new ChequeException(
      ChequeExceptionCode.CHEQUE_NOT_FOUND,
      `No cheque ${number} for you.`,
    );
    const owner = OrganisationScope.of(principal).all;
    const row = await this.dataSource.manager
      .getRepository(Cheque)
      .createQueryBuilder('cheque')
      .addSelect('cheque.securityHash')
      .innerJoinAndSelect('cheque.carnet', 'carnet')
      .innerJoinAndSelect('cheque.programme', 'programme')
      .where('cheque.number = :number', { number })
      .getOne();
    if (!row) {
      // Same work as for a wrong code, so that timing does not tell which numbers exist.
      securityCodeMatches(this.keys.codeHashKey, number, securityCode ?? '', Buffer.alloc(32));
      throw notFound;
    }
    let venue: Venue | null = null;
    if (!owner) {
      if (
        !securityCode ||
        !securityCodeMatches(this.keys.codeHashKey, number, securityCode, row.securityHash)
      ) {
        throw notFound;
      }
      venue = await this.dataSource.manager.findOneBy(Venue, {
        organisationId: principal.organisationId,
      });
      if (!venue || !(await this.venueServesProgramme(venue, row.programmeId))) throw notFound;
    }
    const reason = notPayableReason(row, row.programme!, venue, owner, today);
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
  private async venueServesProgramme(venue: Venue, programmeId: string): Promise<boolean> {
    const codes = [venue.inseeCode, ...venue.servedInseeCodes].filter((c): c is string => !!c);
    if (codes.length === 0) return false;
    const [row] = await this.dataSource.query<{ served: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM enrolment WHERE programme_id = $1 AND insee_code = ANY($2::varchar[])) AS served`,
      [programmeId, codes],
    );
    return row?.served === true;
  }

  /** Every event of a cheque: its own, its carnet's (custody, cancellation) and its issuance run's. */
  async events(rawNumber: string): Promise<AuditEvent[]> {
    const number = validNumber(rawNumber);
    const cheque = await this.dataSource.manager.findOne(Cheque, {
      where: { number },
      relations: { carnet: true },
    });
    if (!cheque)
      throw new ChequeException(ChequeExceptionCode.CHEQUE_NOT_FOUND, `No cheque ${number}.`);
    return this.dataSource.manager
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where(`(e.entity_type = 'cheque' AND e.entity_id = :number)`, { number })
      .orWhere(`(e.entity_type = 'carnet' AND e.entity_id = :carnet)`, { carnet: cheque.carnetId })
      .orWhere(`(e.entity_type = 'issuance' AND e.entity_id = :issuance)`, {
        issuance: cheque.carnet!.issuanceId,
      })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Cancels one unused cheque (lost, stolen, damaged, withdrawn). */
  cancelCheque(actor: Principal, rawNumber: string, input: CancellationInput): Promise<Cheque> {
    const number = validNumber(rawNumber);
    return this.dataSource.transaction(async (manager) => {
      const cheque = await manager.findOne(Cheque, {
        where: { number },
        lock: { mode: 'pessimistic_write' },
      });
      if (!cheque)
        throw new ChequeException(ChequeExceptionCode.CHEQUE_NOT_FOUND, `No cheque ${number}.`);
      if (!isUnusedCheque(cheque.status)) {
        throw new ChequeException(
          ChequeExceptionCode.CHEQUE_NOT_CANCELLABLE,
          `Cheque ${number} is ${cheque.status}: only unused cheques (ISSUED, DISTRIBUTED) can be cancelled.`,
        );
      }
      const before = { status: cheque.status };
      await manager.update(
        Cheque,
        { number },
        { status: 'CANCELLED', cancellationReason: input.reason, statusChangedAt: () => 'now()' },
      );
      await this.audit.record(manager, actor, {
        action: 'cheque.cancelled',
        entityType: 'cheque',
        entityId: number,
        before,
        after: { status: 'CANCELLED', reason: input.reason, comment: input.comment ?? null },
      });
      return manager.findOneByOrFail(Cheque, { number });
    });
  }

  /**
   * Cancels a carnet: its unused cheques are cancelled with the reason, and the carnet leaves its
   * holder's stock (a WRITE_OFF row in the ledger). Used cheques keep their status: they were
   * spent and their venues are paid.
   */
  cancelCarnet(actor: Principal, carnetId: string, input: CancellationInput): Promise<Carnet> {
    return this.dataSource.transaction(async (manager) => {
      // Holders first, then the carnet: the order transfers lock in, so the two never deadlock.
      const seen = await manager.findOneBy(Carnet, { id: carnetId });
      if (seen?.holderId) await this.custody.lockHolders(manager, [seen.holderId]);
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
      const [cancelled] = await manager.query<[{ number: string }[], number]>(
        `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = $2, status_changed_at = now()
         WHERE carnet_id = $1 AND status IN ('ISSUED', 'DISTRIBUTED') RETURNING number`,
        [carnet.id, input.reason],
      );
      await this.audit.record(manager, actor, {
        action: 'carnet.cancelled',
        entityType: 'carnet',
        entityId: carnet.id,
        before: { status: 'ACTIVE', holder: holderLabel(holder) },
        after: {
          status: 'CANCELLED',
          reason: input.reason,
          comment: input.comment ?? null,
          cancelledCheques: cancelled.map((c) => c.number).sort(),
        },
      });
      return manager.findOneByOrFail(Carnet, { id: carnet.id });
    });
  }

  /**
   * A replacement for a cancelled carnet: the lowest-serial carnet of the programme's stock goes
   * straight to the cancelled carnet's last holder (a REPLACEMENT row in the ledger), linked to
   * it. It is worth what was lost: its cheques beyond the number the cancellation voided are
   * cancelled as REPLACEMENT_SURPLUS, so a replacement never adds value.
   */
  replace(actor: Principal, carnetId: string): Promise<Carnet> {
    return this.dataSource.transaction(async (manager) => {
      const cancelled = await this.lockCarnet(manager, carnetId);
      if (cancelled.status !== 'CANCELLED' || !cancelled.lastHolderId) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} is not cancelled.`,
        );
      }
      if (await manager.existsBy(Carnet, { replacesCarnetId: cancelled.id })) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} was already replaced.`,
        );
      }
      const [lost] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cheque WHERE carnet_id = $1 AND status = 'CANCELLED' AND cancellation_reason <> 'REPLACEMENT_SURPLUS'`,
        [cancelled.id],
      );
      if (!lost || lost.n === 0) {
        throw new ChequeException(
          ChequeExceptionCode.CARNET_NOT_REPLACEABLE,
          `Carnet ${cancelled.serial} had no unused cheque to replace.`,
        );
      }
      const stock = await this.custody.programmeHolder(manager, cancelled.programmeId);
      await this.custody.lockHolders(manager, [stock.id, cancelled.lastHolderId]);
      // The first stock carnet of a finished run whose cheques are all unused and still valid,
      // so that the replacement is worth exactly what was lost.
      const [candidate] = await manager.query<
        { id: string; serial: number; issuance_id: string }[]
      >(
        `SELECT k.id, k.serial::int AS serial, k.issuance_id FROM carnet k
         JOIN issuance i ON i.id = k.issuance_id AND i.status = 'DONE'
         WHERE k.holder_id = $1 AND k.status = 'ACTIVE'
           AND NOT EXISTS (SELECT 1 FROM cheque c WHERE c.carnet_id = k.id
                           AND (c.status <> 'ISSUED' OR c.valid_until < $2::date))
         ORDER BY k.serial LIMIT 1 FOR UPDATE OF k SKIP LOCKED`,
        [stock.id, todayInParis()],
      );
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
      await manager.update(Carnet, { id: candidate.id }, { replacesCarnetId: cancelled.id });
      const [surplus] = await manager.query<[{ number: string }[], number]>(
        `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = 'REPLACEMENT_SURPLUS', status_changed_at = now()
         WHERE carnet_id = $1 AND position > $2 AND status = 'ISSUED' RETURNING number`,
        [candidate.id, lost.n],
      );
      await this.audit.record(manager, actor, {
        action: 'carnet.replacement-issued',
        entityType: 'carnet',
        entityId: candidate.id,
        after: {
          replaces: cancelled.id,
          replacesSerial: cancelled.serial,
          holder: holderLabel(to),
          validCheques: lost.n,
          surplusCancelled: surplus.map((c) => c.number).sort(),
        },
      });
      await this.audit.record(manager, actor, {
        action: 'carnet.replaced',
        entityType: 'carnet',
        entityId: cancelled.id,
        after: { replacement: candidate.id, replacementSerial: candidate.serial },
      });
      return manager.findOneByOrFail(Carnet, { id: candidate.id });
    });
  }

  private async lockCarnet(manager: EntityManager, id: string): Promise<Carnet> {
    const carnet = await manager.findOne(Carnet, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!carnet)
      throw new ChequeException(ChequeExceptionCode.CARNET_NOT_FOUND, `No carnet ${id}.`);
    return carnet;
  }
}

function validNumber(raw: string): string {
  const number = normaliseChequeNumber(raw);
  if (!isValidChequeNumber(number)) {
    throw new ChequeException(
      ChequeExceptionCode.INVALID_CHEQUE_NUMBER,
      `${raw} is not a cheque number: 12 digits whose last one is a check digit. Check for a typo.`,
      [{ field: 'number', message: 'invalid check digit or length' }],
    );
  }
  return number;
}

function notPayableReason(
  cheque: Cheque,
  programme: Programme,
  venue: Venue | null,
  owner: boolean,
  today: string,
): NotPayableReason | null {
  if (
    programme.status !== 'ACTIVE' &&
    (cheque.status === 'ISSUED' || cheque.status === 'DISTRIBUTED')
  ) {
    return 'PROGRAMME_NOT_ACTIVE';
  }
  switch (cheque.status) {
    case 'ISSUED':
      return 'NOT_HANDED_OUT';
    case 'REDEEMED':
    case 'IN_BATCH':
    case 'REIMBURSED':
      return 'ALREADY_USED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'DISTRIBUTED':
      break;
  }
  if (today > cheque.validUntil) return 'PAST_VALIDITY';
  if (owner || !venue) return 'NOT_A_VENUE';
  return mayRedeem(venue.qualificationStatus) ? null : 'VENUE_NOT_QUALIFIED';
}

/** Today's date in France, where validity dates are meant. */
export function todayInParis(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}
