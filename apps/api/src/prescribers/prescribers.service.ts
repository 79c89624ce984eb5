import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationsRepository } from '#src/auth/organisations.repository.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import { assertSelfService } from '#src/access/self-service.js';
import { CommuneException, CommuneExceptionCode } from '#src/communes/commune.exception.js';
import { CommunesRepository } from '#src/communes/communes.repository.js';
import { CustodyService } from '#src/custody/custody.service.js';
import type {
  CreatePrescriberDto,
  ListPrescribersQueryDto,
  UpdatePrescriberDto,
} from './dto/prescriber.dto.js';
import type { Prescriber } from './prescriber.entity.js';
import { PrescriberException, PrescriberExceptionCode } from './prescriber.exception.js';
import {
  PrescribersRepository,
  type PrescriberVisibility,
  type PrescriberWithServed,
  type ServedCommune,
} from './prescribers.repository.js';

const SORTABLE = { name: 'name', inseeCode: 'inseeCode', createdAt: 'createdAt' } as const;

/**
 * The programme owner sees every structure; a commune its own structures, and (`reads`) the
 * structures of other communes that serve it; a structure itself. A commune's référents manage
 * (edit, agents, trainings) the structures of their own commune only: a structure that merely
 * serves their commune is another commune's to manage.
 */
export function prescriberVisibility(
  principal: Principal,
  access: 'read' | 'manage' = 'manage',
): PrescriberVisibility {
  const scope = OrganisationScope.of(principal);
  if (scope.all) return {};
  return scope.organisationKind === 'COMMUNE'
    ? { communeOrganisationId: scope.organisationId, includeServing: access === 'read' }
    : { organisationId: scope.organisationId };
}

@Injectable()
export class PrescribersService {
  constructor(
    private readonly prescribers: PrescribersRepository,
    private readonly communes: CommunesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly custody: CustodyService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(
    principal: Principal,
    query: ListPrescribersQueryDto,
  ): Promise<Page<PrescriberWithServed>> {
    const page = await paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.prescribers.findPage(
        prescriberVisibility(principal, 'read'),
        query.filter ?? {},
        order,
        skip,
        take,
      ),
    );
    const served = await this.prescribers.servedCommunes(page.data.map((p) => p.id));
    return {
      data: page.data.map((p) => withServed(p, served.get(p.id) ?? [])),
      meta: page.meta,
    };
  }

  /** A structure the caller may see (its own commune's, one serving its commune, itself). */
  get(principal: Principal, id: string, manager?: EntityManager): Promise<PrescriberWithServed> {
    return this.find(id, prescriberVisibility(principal, 'read'), manager);
  }

  /**
   * A structure the caller may manage: any for the programme owner, its own commune's for a
   * référent. NOT_FOUND otherwise, as for an unknown id.
   */
  getManaged(
    principal: Principal,
    id: string,
    manager?: EntityManager,
  ): Promise<PrescriberWithServed> {
    return this.find(id, prescriberVisibility(principal, 'manage'), manager);
  }

  private async find(
    id: string,
    visibility: PrescriberVisibility,
    manager?: EntityManager,
  ): Promise<PrescriberWithServed> {
    const prescriber = await this.prescribers.findById(id, visibility, manager);
    if (!prescriber) {
      throw new PrescriberException(
        PrescriberExceptionCode.PRESCRIBER_NOT_FOUND,
        `No prescriber ${id}.`,
      );
    }
    const served = await this.prescribers.servedCommunes([id], manager);
    return withServed(prescriber, served.get(id) ?? []);
  }

  /** Registers a structure and the organisation its agents will belong to. */
  create(
    actor: Principal,
    input: CreatePrescriberDto,
    manager?: EntityManager,
  ): Promise<PrescriberWithServed> {
    const work = async (em: EntityManager) => {
      await this.assertCommuneAllowed(actor, input.inseeCode, em);
      const { servedInseeCodes: requested = [], ...fields } = input;
      if (fields.rna) await this.assertRnaFree(em, fields.rna);
      const servedInseeCodes = await this.servedCommunes(em, requested, input.inseeCode);
      const organisation = await this.organisations.create(em, {
        kind: 'PRESCRIBER',
        name: input.name,
      });
      const saved = await this.prescribers.save(em, {
        siret: null,
        rna: null,
        address: null,
        email: null,
        phone: null,
        ...fields,
        organisationId: organisation.id,
      });
      await this.prescribers.replaceServed(em, saved.id, servedInseeCodes);
      await this.audit.record(em, actor, {
        action: 'prescriber.created',
        entityType: 'prescriber',
        entityId: saved.id,
        after: auditView({ ...saved, servedInseeCodes }),
      });
      return this.getManaged(actor, saved.id, em);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  update(actor: Principal, id: string, input: UpdatePrescriberDto): Promise<PrescriberWithServed> {
    return this.dataSource.transaction(async (manager) => {
      const prescriber = await this.getManaged(actor, id, manager);
      // Référents keep their structures' details up to date; the commune is the programme's call.
      assertSelfService('prescriber', actor, input, prescriber);
      if (input.inseeCode !== undefined && input.inseeCode !== prescriber.inseeCode) {
        await this.assertCommuneAllowed(actor, input.inseeCode, manager);
        await this.assertHoldsNoCarnet(prescriber.id, manager);
      }
      if (input.rna && input.rna !== prescriber.rna)
        await this.assertRnaFree(manager, input.rna, id);
      const before = auditView(prescriber);
      const {
        commune: _commune,
        servedInseeCodes: current,
        servedCommunes: _named,
        ...fields
      } = prescriber;
      const { servedInseeCodes: requested, ...changes } = input;
      const inseeCode = changes.inseeCode ?? prescriber.inseeCode;
      // Its own commune is implied: moving a structure to a commune it served drops that line.
      const servedInseeCodes = await this.servedCommunes(manager, requested ?? current, inseeCode);
      const saved = await this.prescribers.save(manager, { ...fields, ...changes });
      await this.prescribers.replaceServed(manager, id, servedInseeCodes);
      await this.audit.record(manager, actor, {
        action: 'prescriber.updated',
        entityType: 'prescriber',
        entityId: id,
        before,
        after: auditView({ ...saved, servedInseeCodes }),
      });
      return this.getManaged(actor, id, manager);
    });
  }

  private async assertRnaFree(manager: EntityManager, rna: string, exceptId?: string) {
    if (await this.prescribers.rnaTaken(manager, rna, exceptId)) {
      throw new PrescriberException(
        PrescriberExceptionCode.RNA_ALREADY_USED,
        `Another structure already has the RNA number ${rna}.`,
        [{ field: 'rna', message: 'already used by another structure' }],
      );
    }
  }

  /**
   * The communes a structure serves beyond its own: imported communes only, its own left out
   * (implied), sorted. Any commune may be served: serving gives its référents a read-only view.
   */
  private async servedCommunes(
    manager: EntityManager,
    inseeCodes: string[],
    ownInseeCode: string,
  ): Promise<string[]> {
    const wanted = [...new Set(inseeCodes)].filter((code) => code !== ownInseeCode).sort();
    const existing = await this.prescribers.existingInseeCodes(manager, wanted);
    const unknown = wanted.filter((code) => !existing.has(code));
    if (unknown.length > 0) {
      throw new PrescriberException(
        PrescriberExceptionCode.SERVED_COMMUNE_NOT_FOUND,
        `No commune ${unknown.join(', ')}.`,
        unknown.map((code) => ({
          field: `servedInseeCodes[${inseeCodes.indexOf(code)}]`,
          message: 'unknown commune',
        })),
      );
    }
    return wanted;
  }

  /**
   * A structure changes commune only with an empty stock: its carnets came from its commune's
   * allocation and go back there first.
   */
  private async assertHoldsNoCarnet(prescriberId: string, manager: EntityManager): Promise<void> {
    const carnets = await this.custody.lockPrescriberStock(manager, prescriberId);
    if (carnets > 0) {
      throw new PrescriberException(
        PrescriberExceptionCode.PRESCRIBER_HOLDS_CARNETS,
        `This structure holds ${carnets} carnets of its commune: return them before moving it to another commune.`,
        [{ field: 'inseeCode', message: 'return the carnets held first' }],
      );
    }
  }

  /** A commune's référent registers structures of their own commune only. */
  private async assertCommuneAllowed(
    actor: Principal,
    inseeCode: string,
    manager: EntityManager,
  ): Promise<void> {
    const commune = await this.communes.findByInsee(inseeCode, manager);
    if (!commune || !OrganisationScope.of(actor).includes(commune.organisationId)) {
      throw new CommuneException(
        CommuneExceptionCode.COMMUNE_NOT_FOUND,
        `No commune ${inseeCode}.`,
        [{ field: 'inseeCode', message: 'unknown commune, or not yours' }],
      );
    }
  }
}

function withServed(prescriber: Prescriber, served: ServedCommune[]): PrescriberWithServed {
  return {
    ...prescriber,
    servedInseeCodes: served.map((c) => c.inseeCode),
    servedCommunes: served,
  };
}

function auditView(p: Partial<PrescriberWithServed>): Record<string, unknown> {
  return {
    name: p.name,
    type: p.type,
    inseeCode: p.inseeCode,
    servedInseeCodes: p.servedInseeCodes,
    siret: p.siret,
    rna: p.rna,
    address: p.address,
    email: p.email,
    phone: p.phone,
  };
}
