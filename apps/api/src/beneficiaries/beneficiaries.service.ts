import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ageBandOf, eligibilityProblems, todayInParis } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { HouseholdKey } from '#src/config/household-key.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import type { Programme } from '#src/funders/programme.entity.js';
import {
  type BeneficiaryVisibility,
  BeneficiariesRepository,
  type StructureRow,
} from './beneficiaries.repository.js';
import type { Beneficiary } from './beneficiary.entity.js';
import { HandOutsRepository } from './hand-outs.repository.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiary.exception.js';
import type {
  BeneficiaryCountsResponseDto,
  BeneficiaryResponseDto,
  CreateBeneficiaryDto,
  ListBeneficiariesQueryDto,
  SearchHouseholdDto,
  UpdateBeneficiaryDto,
} from './dto/beneficiary.dto.js';

const SORTABLE = { createdAt: 'createdAt', firstName: 'firstName' } as const;
const HOUSEHOLD_SEARCH_LIMIT = 50;

/**
 * Beneficiaries: registered by a structure's agent (or a programme manager on a structure's
 * behalf) for an ACTIVE programme one of the structure's communes is enrolled in. An agent sees
 * its structure's beneficiaries only (404 for others); a programme manager sees all; a commune's
 * référent sees counts, never people. The postal address only ever becomes the household key,
 * and the audit log holds no personal data (which fields changed, not their values).
 */
@Injectable()
export class BeneficiariesService {
  constructor(
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly householdKey: HouseholdKey,
    private readonly handOuts: HandOutsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(
    principal: Principal,
    query: ListBeneficiariesQueryDto,
  ): Promise<Page<BeneficiaryResponseDto>> {
    const visibility = await this.visibilityOf(principal);
    const page = await paginate(query, SORTABLE, { createdAt: 'DESC' }, (order, skip, take) =>
      this.beneficiaries.findPage(visibility, query.filter ?? {}, order, skip, take),
    );
    return { data: page.data.map(view), meta: page.meta };
  }

  async searchHousehold(
    principal: Principal,
    input: SearchHouseholdDto,
  ): Promise<BeneficiaryResponseDto[]> {
    const rows = await this.beneficiaries.findByHousehold(
      await this.visibilityOf(principal),
      this.householdKey.of(input.address, input.householdName),
      input.programmeId,
      HOUSEHOLD_SEARCH_LIMIT,
    );
    return rows.map(view);
  }

  async get(principal: Principal, id: string): Promise<BeneficiaryResponseDto> {
    return view(await this.find(principal, id));
  }

  /** The beneficiary if the caller may see it; 404 alike for unknown and another structure's. */
  async find(principal: Principal, id: string, manager?: EntityManager): Promise<Beneficiary> {
    const found = await this.beneficiaries.findById(
      id,
      await this.visibilityOf(principal),
      manager,
    );
    if (!found) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.BENEFICIARY_NOT_FOUND,
        `No beneficiary ${id}.`,
      );
    }
    return found;
  }

  async create(actor: Principal, input: CreateBeneficiaryDto): Promise<BeneficiaryResponseDto> {
    assertOneAge(input.ageBand, input.birthYear);
    const structure = await this.registeringStructure(actor, input.prescriberId);
    const { address, householdName, prescriberId: _p, consentScope, ...fields } = input;
    assertConsent(input.contact, consentScope);
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.openProgramme(manager, input.programmeId, structure);
      await this.assertEligible(manager, programme, input);
      const saved = await this.beneficiaries.insert(manager, {
        ...fields,
        ageBand: input.ageBand ?? null,
        birthYear: input.birthYear ?? null,
        firstName: input.firstName ?? null,
        contact: input.contact ?? null,
        ...consentOf(actor, input.contact ? consentScope : undefined),
        prescriberId: structure.id,
        householdKey: this.householdKey.of(address, householdName),
        createdBy: actor.id,
      });
      await this.audit.record(manager, actor, {
        action: 'beneficiary.created',
        entityType: 'beneficiary',
        entityId: saved.id,
        after: auditView(saved),
      });
      return view(saved);
    });
  }

  update(
    actor: Principal,
    id: string,
    input: UpdateBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    if (input.ageBand !== undefined && input.birthYear !== undefined)
      assertOneAge(input.ageBand, input.birthYear);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(actor, id, manager);
      assertNotAnonymised(current);
      const { address, householdName, consentScope, ...fields } = input;
      const next: Partial<Beneficiary> = { ...fields };
      if (input.ageBand !== undefined) next.birthYear = null;
      if (input.birthYear !== undefined) next.ageBand = null;
      const contact = input.contact === undefined ? current.contact : input.contact;
      if (input.contact === null) Object.assign(next, consentOf(actor, undefined));
      else if (consentScope !== undefined) Object.assign(next, consentOf(actor, consentScope));
      assertConsent(contact, consentScope ?? current.consentScope ?? undefined);
      if (address !== undefined) next.householdKey = this.householdKey.of(address, householdName);
      if (input.situation !== undefined || input.inseeCode !== undefined) {
        const programme = await this.beneficiaries.programme(current.programmeId, manager);
        if (programme) {
          await this.assertEligible(manager, programme, {
            situation: input.situation ?? current.situation,
            inseeCode: input.inseeCode ?? current.inseeCode,
          });
        }
      }
      await this.beneficiaries.update(manager, id, next);
      // A person who moved takes their carnet into the new household's count.
      if (next.householdKey) await this.handOuts.followHousehold(manager, id);
      const saved = await this.find(actor, id, manager);
      await this.audit.record(manager, actor, {
        action: 'beneficiary.updated',
        entityType: 'beneficiary',
        entityId: id,
        before: auditView(current),
        after: { ...auditView(saved), changed: Object.keys(input).sort() },
      });
      return view(saved);
    });
  }

  /**
   * Counts per commune of a programme, by situation and age band: every commune for the
   * programme owner, its own communes for a référent. No person is ever listed.
   */
  async counts(principal: Principal, programmeId: string): Promise<BeneficiaryCountsResponseDto> {
    const rows = await this.beneficiaries.counts(
      programmeId,
      OrganisationScope.of(principal).filter,
    );
    const year = Number(todayInParis().slice(0, 4));
    const communes = new Map<string, BeneficiaryCountsResponseDto['communes'][number]>();
    for (const row of rows) {
      let commune = communes.get(row.inseeCode);
      if (!commune) {
        commune = { inseeCode: row.inseeCode, total: 0, bySituation: {}, byAgeBand: {} };
        communes.set(row.inseeCode, commune);
      }
      const band = row.ageBand ?? ageBandOf(row.birthYear ?? year, year);
      commune.total += row.count;
      commune.bySituation[row.situation] = (commune.bySituation[row.situation] ?? 0) + row.count;
      commune.byAgeBand[band] = (commune.byAgeBand[band] ?? 0) + row.count;
    }
    return { programmeId, communes: [...communes.values()] };
  }

  /** The programme of a beneficiary the caller may see (for the diagnostic's services). */
  programmeOf(beneficiary: Beneficiary, manager?: EntityManager): Promise<Programme | null> {
    return this.beneficiaries.programme(beneficiary.programmeId, manager);
  }

  private async visibilityOf(principal: Principal): Promise<BeneficiaryVisibility> {
    if (OrganisationScope.of(principal).all) return { all: true };
    const structure = await this.beneficiaries.structureOfOrganisation(principal.organisationId);
    return { all: false, prescriberIds: structure ? [structure.id] : [] };
  }

  /** An agent's own structure; the named one for the programme owner. */
  private async registeringStructure(
    actor: Principal,
    prescriberId: string | undefined,
  ): Promise<StructureRow> {
    const own = OrganisationScope.of(actor).all
      ? prescriberId && (await this.beneficiaries.structureById(prescriberId))
      : await this.beneficiaries.structureOfOrganisation(actor.organisationId);
    if (OrganisationScope.of(actor).all && !prescriberId) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.BENEFICIARY_STRUCTURE_REQUIRED,
        'Name the structure registering the beneficiary (prescriberId).',
        [{ field: 'prescriberId', message: 'required' }],
      );
    }
    if (!own || (prescriberId !== undefined && own.id !== prescriberId)) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.STRUCTURE_NOT_IN_PROGRAMME,
        'Only a prescriber structure registers beneficiaries, and an agent only for its own.',
      );
    }
    return own;
  }

  /** The programme, ACTIVE, with one of the structure's communes enrolled. */
  private async openProgramme(
    manager: EntityManager,
    programmeId: string,
    structure: StructureRow,
  ): Promise<Programme> {
    const programme = await this.beneficiaries.programme(programmeId, manager);
    if (!programme) {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_NOT_FOUND,
        `No programme ${programmeId}.`,
      );
    }
    const enrolled = await this.beneficiaries.enrolledInseeCodes(programmeId, manager);
    // The structure's own commune decides: the communes it serves are set by its référents, and
    // a right never comes from a field its holders can change (self-service.ts).
    if (programme.status !== 'ACTIVE' || !enrolled.includes(structure.inseeCodes[0])) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.STRUCTURE_NOT_IN_PROGRAMME,
        'This structure does not take part in this programme, or the programme is not active.',
      );
    }
    return programme;
  }

  private async assertEligible(
    manager: EntityManager,
    programme: Programme,
    person: { situation: string; inseeCode: string },
  ): Promise<void> {
    const problems = eligibilityProblems(
      {
        eligibleSituations: programme.eligibleSituations,
        eligibleInseeCodes: programme.eligibleInseeCodes,
        enrolledInseeCodes: await this.beneficiaries.enrolledInseeCodes(programme.id, manager),
      },
      person,
    );
    if (
      problems.length === 0 &&
      !(await this.beneficiaries.communeExists(person.inseeCode, manager))
    )
      problems.push('inseeCode');
    if (problems.length > 0) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.BENEFICIARY_NOT_ELIGIBLE,
        'The programme does not cover this public.',
        problems.map((field) => ({ field, message: 'not covered by the programme' })),
      );
    }
  }
}

/** A purged or erased record is closed: nothing identifying may come back into it. */
export function assertNotAnonymised(b: Beneficiary): void {
  if (b.purgedAt) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.BENEFICIARY_ANONYMISED,
      "This beneficiary's identifying data were purged or erased: the record changes no more.",
    );
  }
}

function assertOneAge(ageBand: unknown, birthYear: unknown): void {
  if ((ageBand === undefined) === (birthYear === undefined)) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.BENEFICIARY_NOT_ELIGIBLE,
      'Give an age band or a birth year, not both.',
      [{ field: 'ageBand', message: 'give ageBand or birthYear, exactly one' }],
    );
  }
}

function assertConsent(contact: string | null | undefined, consentScope: string | undefined): void {
  if (contact && !consentScope) {
    throw new BeneficiaryException(
      BeneficiaryExceptionCode.CONTACT_CONSENT_REQUIRED,
      'A contact is kept only with the consent of the person (consentScope).',
      [{ field: 'consentScope', message: 'required with a contact' }],
    );
  }
}

function consentOf(actor: Principal, scope: Beneficiary['consentScope'] | undefined) {
  return scope
    ? { consentScope: scope, consentAt: new Date(), consentRecordedBy: actor.id }
    : { consentScope: null, consentAt: null, consentRecordedBy: null };
}

function view(b: Beneficiary): BeneficiaryResponseDto {
  return {
    id: b.id,
    programmeId: b.programmeId,
    prescriberId: b.prescriberId,
    inseeCode: b.inseeCode,
    ageBand: b.ageBand,
    birthYear: b.birthYear,
    situation: b.situation,
    firstName: b.firstName,
    contact: b.contact,
    consentScope: b.consentScope,
    consentAt: b.consentAt,
    consentRecordedBy: b.consentRecordedBy,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    purgedAt: b.purgedAt,
    erasedAt: b.erasedAt,
  };
}

/** What the audit log keeps of a beneficiary: no name, contact, birth year or household key. */
function auditView(b: Beneficiary): Record<string, unknown> {
  return {
    programmeId: b.programmeId,
    prescriberId: b.prescriberId,
    inseeCode: b.inseeCode,
    situation: b.situation,
    ageBand: b.ageBand,
    consentScope: b.consentScope,
  };
}
