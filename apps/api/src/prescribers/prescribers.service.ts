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
import { PrescribersRepository, type PrescriberVisibility } from './prescribers.repository.js';

const SORTABLE = { name: 'name', inseeCode: 'inseeCode', createdAt: 'createdAt' } as const;

/** The programme owner sees every structure; a commune its own structures; a structure itself. */
export function prescriberVisibility(principal: Principal): PrescriberVisibility {
  const scope = OrganisationScope.of(principal);
  if (scope.all) return {};
  return scope.organisationKind === 'COMMUNE'
    ? { communeOrganisationId: scope.organisationId }
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

  list(principal: Principal, query: ListPrescribersQueryDto): Promise<Page<Prescriber>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.prescribers.findPage(
        prescriberVisibility(principal),
        query.filter ?? {},
        order,
        skip,
        take,
      ),
    );
  }

  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Prescriber> {
    const prescriber = await this.prescribers.findById(
      id,
      prescriberVisibility(principal),
      manager,
    );
    if (!prescriber) {
      throw new PrescriberException(
        PrescriberExceptionCode.PRESCRIBER_NOT_FOUND,
        `No prescriber ${id}.`,
      );
    }
    return prescriber;
  }

  /** Registers a structure and the organisation its agents will belong to. */
  create(
    actor: Principal,
    input: CreatePrescriberDto,
    manager?: EntityManager,
  ): Promise<Prescriber> {
    const work = async (em: EntityManager) => {
      await this.assertCommuneAllowed(actor, input.inseeCode, em);
      const organisation = await this.organisations.create(em, {
        kind: 'PRESCRIBER',
        name: input.name,
      });
      const saved = await this.prescribers.save(em, {
        siret: null,
        address: null,
        email: null,
        phone: null,
        ...input,
        organisationId: organisation.id,
      });
      await this.audit.record(em, actor, {
        action: 'prescriber.created',
        entityType: 'prescriber',
        entityId: saved.id,
        after: auditView(saved),
      });
      return this.get(actor, saved.id, em);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  update(actor: Principal, id: string, input: UpdatePrescriberDto): Promise<Prescriber> {
    return this.dataSource.transaction(async (manager) => {
      const prescriber = await this.get(actor, id, manager);
      // Référents keep their structures' details up to date; the commune is the programme's call.
      assertSelfService('prescriber', actor, input, prescriber);
      if (input.inseeCode !== undefined && input.inseeCode !== prescriber.inseeCode) {
        await this.assertCommuneAllowed(actor, input.inseeCode, manager);
        await this.assertHoldsNoCarnet(prescriber.id, manager);
      }
      const before = auditView(prescriber);
      const { commune: _commune, ...fields } = prescriber;
      const saved = await this.prescribers.save(manager, { ...fields, ...input });
      await this.audit.record(manager, actor, {
        action: 'prescriber.updated',
        entityType: 'prescriber',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return this.get(actor, id, manager);
    });
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

function auditView(p: Partial<Prescriber>): Record<string, unknown> {
  return {
    name: p.name,
    type: p.type,
    inseeCode: p.inseeCode,
    siret: p.siret,
    address: p.address,
    email: p.email,
    phone: p.phone,
  };
}
