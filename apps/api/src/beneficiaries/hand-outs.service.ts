import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  handOutUndoableUntil,
  handOutUndoRefusal,
  isValidChequeNumber,
  normaliseChequeNumber,
  parseCarnetSerial,
  todayInParis,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { ChequesService } from '#src/cheques/cheques.service.js';
import {
  IdempotencyService,
  type IdempotencyRequest,
  type IdempotentResponse,
} from '#src/common/idempotency/idempotency.service.js';
import { CustodyException, CustodyExceptionCode } from '#src/custody/custody.exception.js';
import { CustodyService, type SelectedCarnet } from '#src/custody/custody.service.js';
import { runInTransaction } from '#src/database/transaction.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import { TrainingsService } from '#src/prescribers/trainings.service.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import type { Beneficiary } from './beneficiary.entity.js';
import type {
  CreateHandOutDto,
  CreateHouseholdExceptionDto,
  HandOutResponseDto,
  HouseholdExceptionResponseDto,
} from './dto/hand-out.dto.js';
import { HandOutException, HandOutExceptionCode } from './hand-out.exception.js';
import { HandOutsRepository, type HandOutRow } from './hand-outs.repository.js';

/**
 * The hand-out of a carnet to a beneficiary, by an agent of the beneficiary's structure from its
 * structure's stock: one HAND_OUT row in the custody ledger, the carnet's cheques DISTRIBUTED, and
 * the prescription recorded (agent, structure, diagnostic). The programme's carnets per household
 * is the database's rule (UQ_hand_out_household over the household's slots: two structures at the
 * same moment get one 201 and one 409); a programme manager may allow one more, in writing. Undone within 24 h by
 * the same structure while no cheque is used: a compensating HAND_BACK row, never an edit.
 *
 * Locks, in the order transfers take them: the custody holders, then the carnet, then its cheques.
 */
@Injectable()
export class HandOutsService {
  constructor(
    private readonly handOuts: HandOutsRepository,
    private readonly beneficiaries: BeneficiariesService,
    private readonly custody: CustodyService,
    private readonly cheques: ChequesService,
    private readonly trainings: TrainingsService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, beneficiaryId: string): Promise<HandOutResponseDto[]> {
    await this.beneficiaries.find(principal, beneficiaryId);
    return (await this.handOuts.list(beneficiaryId)).map(view);
  }

  /** A hand-out as the HTTP route answers it: under an Idempotency-Key, once. */
  handOutOnce(
    agent: Principal,
    beneficiaryId: string,
    input: CreateHandOutDto,
    idempotency: IdempotencyRequest | null,
  ): Promise<IdempotentResponse<HandOutResponseDto>> {
    return runInTransaction(this.dataSource, (manager) =>
      this.idempotency.execute(manager, idempotency, async (m) => ({
        status: HttpStatus.CREATED,
        body: await this.handOut(m, agent, beneficiaryId, input),
      })),
    );
  }

  private async handOut(
    manager: EntityManager,
    agent: Principal,
    beneficiaryId: string,
    input: CreateHandOutDto,
  ): Promise<HandOutResponseDto> {
    const beneficiary = await this.beneficiaries.find(agent, beneficiaryId, manager);
    await this.handOuts.lockBeneficiary(manager, beneficiary.id);
    await this.assertDiagnostic(manager, beneficiary, input.diagnosticId);
    if (!(await this.handOuts.hasHouseholdKey(manager, beneficiary.id))) {
      throw new HandOutException(
        HandOutExceptionCode.HOUSEHOLD_UNKNOWN,
        "This beneficiary's identifying data was erased: register the person again to hand out a carnet.",
      );
    }
    const programme = await this.beneficiaries.programmeOf(beneficiary, manager);
    if (!programme || programme.status !== 'ACTIVE') {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_CLOSED,
        'Carnets are handed out while their programme is ACTIVE.',
      );
    }
    await this.trainings.assertMayHandOut(agent, programme, manager);

    const carnet = await this.selectCarnet(manager, input);
    const from = await this.custody.prescriberHolder(
      manager,
      programme.id,
      beneficiary.prescriberId,
    );
    // Carnets of another structure, programme or status are as good as unknown to the agent.
    if (
      !carnet ||
      carnet.programme_id !== programme.id ||
      carnet.status !== 'ACTIVE' ||
      carnet.holder_id !== from.id
    ) {
      throw new CustodyException(
        CustodyExceptionCode.CARNET_NOT_FOUND,
        "No such carnet in your structure's stock for this programme.",
        [{ field: fieldOf(input), message: 'not in your structure stock' }],
      );
    }
    await this.custody.assertRunsDone(manager, [carnet.issuance_id]);
    const to = await this.custody.beneficiaryHolder(
      manager,
      programme.id,
      beneficiary.id,
      beneficiary.prescriberId,
    );
    await this.custody.lockHolders(manager, [from.id, to.id]);
    const counts = await this.cheques.lockCarnetCheques(manager, carnet.id, todayInParis());
    if (!counts || counts.issuedValid === 0) {
      throw new HandOutException(
        HandOutExceptionCode.CARNET_NOT_USABLE,
        `Carnet ${carnet.serial} has no unused cheque still valid: hand out another one.`,
        [{ field: fieldOf(input), message: 'no valid cheque left' }],
      );
    }

    const transferId = randomUUID();
    const row = {
      beneficiaryId: beneficiary.id,
      carnetId: carnet.id,
      agentId: agent.id,
      diagnosticId: input.diagnosticId,
      transferId,
    };
    // The household's slots in turn (one per carnet the programme allows a household), then a
    // manager's permission: each insert that meets a concurrent one waits for it.
    let handOutId: string | null = null;
    for (let slot = 1; !handOutId && slot <= programme.maxCarnetsPerHousehold; slot++) {
      handOutId = await this.handOuts.insert(manager, { ...row, exceptionId: null, slot });
    }
    let exceptionId: string | null = null;
    if (!handOutId) {
      exceptionId = await this.handOuts.lockFreeException(manager, beneficiary.id);
      if (exceptionId) {
        handOutId = await this.handOuts.insert(manager, { ...row, exceptionId, slot: 1 });
      }
    }
    if (!handOutId) {
      throw new HandOutException(
        HandOutExceptionCode.HOUSEHOLD_LIMIT_REACHED,
        `This household already received the programme's ${programme.maxCarnetsPerHousehold} carnet(s) per household. A programme manager may allow one more, with a written justification.`,
      );
    }
    await this.custody.move(manager, agent, [carnet], from, to, 'HAND_OUT', null, undefined, {
      transferId,
      audit: { handOutId, beneficiaryId: beneficiary.id, exceptionId },
    });
    await this.cheques.distributeCarnet(manager, carnet.id);
    return view(await this.handOuts.find(manager, handOutId));
  }

  /**
   * Undoes a hand-out: the carnet goes back to the structure's stock (HAND_BACK) and its cheques
   * are ISSUED again. Only by the structure that handed it out, within 24 h, no cheque used.
   */
  undo(agent: Principal, beneficiaryId: string, carnetId: string): Promise<HandOutResponseDto> {
    return runInTransaction(this.dataSource, async (manager) => {
      const beneficiary = await this.beneficiaries.find(agent, beneficiaryId, manager);
      const seen = (await this.handOuts.list(beneficiary.id)).find(
        (h) => h.carnetId === carnetId && h.status === 'ACTIVE',
      );
      if (!seen) {
        // Sent again after a lost answer: the hand-out is undone already, say so as the first did.
        const undone = await this.handOuts.findUndone(beneficiary.id, carnetId);
        if (undone) return view(undone);
        throw handOutNotFound(carnetId);
      }
      const structure = await this.custody.prescriberHolder(
        manager,
        seen.programmeId,
        seen.prescriberId,
      );
      const holder = await this.custody.beneficiaryHolder(
        manager,
        seen.programmeId,
        beneficiary.id,
        beneficiary.prescriberId,
      );
      await this.custody.lockHolders(manager, [structure.id, holder.id]);
      const handOut = await this.handOuts.lockActive(manager, beneficiary.id, carnetId);
      if (!handOut) throw handOutNotFound(carnetId);
      const counts = await this.cheques.lockCarnetCheques(manager, carnetId, todayInParis());
      const refusal = handOutUndoRefusal(handOut, counts?.used ?? 0, new Date());
      if (refusal) {
        throw new HandOutException(
          HandOutExceptionCode.HAND_OUT_NOT_UNDOABLE,
          refusal === 'TOO_LATE'
            ? 'A hand-out can be undone within 24 hours only.'
            : 'A cheque of this carnet was used: the hand-out can no longer be undone.',
          [{ field: 'carnetId', message: refusal === 'TOO_LATE' ? 'over 24 h' : 'cheque used' }],
        );
      }
      const carnet = await this.custody.selectCarnet(manager, { id: carnetId });
      if (carnet?.status !== 'ACTIVE' || carnet.holder_id !== holder.id) {
        throw new HandOutException(
          HandOutExceptionCode.HAND_OUT_NOT_UNDOABLE,
          'This carnet was cancelled (lost, stolen…) since it was handed out: the hand-out can no longer be undone.',
          [{ field: 'carnetId', message: 'carnet cancelled' }],
        );
      }
      const transferId = randomUUID();
      await this.custody.move(
        manager,
        agent,
        [carnet],
        holder,
        structure,
        'HAND_BACK',
        null,
        undefined,
        { transferId, audit: { handOutId: handOut.id, beneficiaryId: beneficiary.id } },
      );
      await this.cheques.undistributeCarnet(manager, carnetId);
      await this.handOuts.markUndone(manager, handOut.id, agent.id, transferId);
      return view(await this.handOuts.find(manager, handOut.id));
    });
  }

  /** A manager's written permission for one more carnet in the beneficiary's household. */
  grantException(
    manager: Principal,
    beneficiaryId: string,
    input: CreateHouseholdExceptionDto,
  ): Promise<HouseholdExceptionResponseDto> {
    return runInTransaction(this.dataSource, async (tx) => {
      const beneficiary = await this.beneficiaries.find(manager, beneficiaryId, tx);
      await this.handOuts.lockBeneficiary(tx, beneficiary.id);
      const programme = await this.beneficiaries.programmeOf(beneficiary, tx);
      if (programme?.status !== 'ACTIVE') {
        throw new FundingException(
          FundingExceptionCode.PROGRAMME_CLOSED,
          'Permissions for one more carnet are granted while the programme is ACTIVE.',
        );
      }
      if (!(await this.handOuts.hasHouseholdKey(tx, beneficiary.id))) {
        throw new HandOutException(
          HandOutExceptionCode.HOUSEHOLD_UNKNOWN,
          "This beneficiary's identifying data was erased: its household is no longer known.",
        );
      }
      const id = await this.handOuts.insertException(
        tx,
        beneficiary.id,
        input.justification,
        manager.id,
      );
      // The justification is the manager's own text about a household: kept in its table (and
      // purged with the household), only its length here.
      await this.audit.record(tx, manager, {
        action: 'beneficiary.household-exception-granted',
        entityType: 'household_exception',
        entityId: id,
        after: { beneficiaryId: beneficiary.id, justificationLength: input.justification.length },
      });
      return (await this.handOuts.exceptions(beneficiary.id, true, tx)).find((e) => e.id === id)!;
    });
  }

  async exceptions(
    principal: Principal,
    beneficiaryId: string,
  ): Promise<HouseholdExceptionResponseDto[]> {
    await this.beneficiaries.find(principal, beneficiaryId);
    return this.handOuts.exceptions(beneficiaryId, OrganisationScope.of(principal).all);
  }

  private async assertDiagnostic(
    manager: EntityManager,
    beneficiary: Beneficiary,
    diagnosticId: string,
  ): Promise<void> {
    if (!(await this.handOuts.isDiagnosticOf(manager, beneficiary.id, diagnosticId))) {
      throw new HandOutException(
        HandOutExceptionCode.DIAGNOSTIC_NOT_FOUND,
        'A hand-out follows one of the beneficiary’s own diagnostics.',
        [{ field: 'diagnosticId', message: 'not a diagnostic of this beneficiary' }],
      );
    }
  }

  /** The carnet named by exactly one of its serial, its id or one of its cheques' numbers. */
  private async selectCarnet(
    manager: EntityManager,
    input: CreateHandOutDto,
  ): Promise<SelectedCarnet | null> {
    const given = [input.carnetSerial, input.carnetId, input.chequeNumber].filter(
      (v) => v !== undefined,
    );
    if (given.length !== 1) {
      throw new HandOutException(
        HandOutExceptionCode.HAND_OUT_SELECTION_INVALID,
        'Name the carnet by exactly one of carnetSerial, carnetId or chequeNumber.',
        [{ field: 'carnetSerial', message: 'exactly one of carnetSerial, carnetId, chequeNumber' }],
      );
    }
    if (input.carnetSerial !== undefined) {
      const serial = parseCarnetSerial(input.carnetSerial);
      if (serial === null) {
        throw new HandOutException(
          HandOutExceptionCode.HAND_OUT_SELECTION_INVALID,
          `${input.carnetSerial} is not a carnet serial: the digits printed on the carnet's cover.`,
          [{ field: 'carnetSerial', message: 'digits only, as printed' }],
        );
      }
      return this.custody.selectCarnet(manager, { serial });
    }
    if (input.carnetId !== undefined)
      return this.custody.selectCarnet(manager, { id: input.carnetId });
    const number = normaliseChequeNumber(input.chequeNumber!);
    if (!isValidChequeNumber(number)) {
      throw new HandOutException(
        HandOutExceptionCode.HAND_OUT_SELECTION_INVALID,
        `${input.chequeNumber} is not a cheque number: 12 digits whose last one is a check digit.`,
        [{ field: 'chequeNumber', message: 'invalid check digit or length' }],
      );
    }
    const carnetId = await this.cheques.carnetIdOf(number);
    return carnetId ? this.custody.selectCarnet(manager, { id: carnetId }) : null;
  }
}

function fieldOf(input: CreateHandOutDto): string {
  if (input.carnetId !== undefined) return 'carnetId';
  if (input.chequeNumber !== undefined) return 'chequeNumber';
  return 'carnetSerial';
}

function handOutNotFound(carnetId: string): HandOutException {
  return new HandOutException(
    HandOutExceptionCode.HAND_OUT_NOT_FOUND,
    `No carnet ${carnetId} handed out to this beneficiary and still held.`,
  );
}

function view(row: HandOutRow): HandOutResponseDto {
  return {
    ...row,
    undoableUntil: handOutUndoableUntil(new Date(row.createdAt)),
  };
}
