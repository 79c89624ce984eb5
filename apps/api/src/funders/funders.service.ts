import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationsRepository } from '#src/auth/organisations.repository.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { StoredDocument } from '#src/files/document.entity.js';
import { assertImage } from '#src/files/document.exception.js';
import { DocumentsRepository } from '#src/files/documents.repository.js';
import type { CreateFunderDto, ListFundersQueryDto, UpdateFunderDto } from './dto/funder.dto.js';
import type { Funder } from './funder.entity.js';
import { FundersRepository } from './funders.repository.js';
import { FundingException, FundingExceptionCode } from './funding.exception.js';

const SORTABLE = { name: 'name', kind: 'kind', createdAt: 'createdAt' } as const;

@Injectable()
export class FundersService {
  constructor(
    private readonly funders: FundersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly documents: DocumentsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, query: ListFundersQueryDto): Promise<Page<Funder>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.funders.findPage(OrganisationScope.of(principal), query.filter ?? {}, order, skip, take),
    );
  }

  async get(principal: Principal, id: string): Promise<Funder> {
    const funder = await this.funders.findById(id);
    if (!funder || !OrganisationScope.of(principal).includes(funder.organisationId))
      throw notFound(id);
    return funder;
  }

  /** Creates the funder with its own FUNDER organisation, where its viewers' accounts will live. */
  create(actor: Principal, input: CreateFunderDto): Promise<Funder> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertSiretFree(manager, input.siret);
      const organisation = await this.organisations.create(manager, {
        kind: 'FUNDER',
        name: input.name,
      });
      const funder = await this.funders.save(manager, {
        name: input.name,
        kind: input.kind,
        siret: input.siret ?? null,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        organisationId: organisation.id,
      });
      await this.audit.record(manager, actor, {
        action: 'funder.created',
        entityType: 'funder',
        entityId: funder.id,
        after: auditView(funder),
      });
      return funder;
    });
  }

  update(actor: Principal, id: string, input: UpdateFunderDto): Promise<Funder> {
    return this.dataSource.transaction(async (manager) => {
      const funder = await this.funders.findById(id, manager);
      if (!funder) throw notFound(id);
      const before = auditView(funder);
      if (input.siret !== undefined && input.siret !== funder.siret)
        await this.assertSiretFree(manager, input.siret);
      Object.assign(funder, input);
      const saved = await this.funders.save(manager, funder);
      await this.audit.record(manager, actor, {
        action: 'funder.updated',
        entityType: 'funder',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  /**
   * Stores the funder's logo (PNG or JPEG, ≤ 1 MB), printed on the covers of the carnets of the
   * programmes it funds; the previous one stays stored, and both are in the audit trail.
   */
  setLogo(
    actor: Principal,
    id: string,
    content: unknown,
    contentType: string | undefined,
  ): Promise<Funder> {
    assertImage(content, contentType);
    const type = contentType!.split(';')[0].trim().toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      const funder = await this.funders.findById(id, manager);
      if (!funder) throw notFound(id);
      const document = await this.documents.store(manager, {
        filename: `logo-${funder.id}.${type === 'image/png' ? 'png' : 'jpg'}`,
        contentType: type,
        content,
        uploadedBy: actor.id,
      });
      return this.replaceLogo(manager, actor, funder, document);
    });
  }

  /** Removes the logo: the covers show the funder's name instead. */
  removeLogo(actor: Principal, id: string): Promise<Funder> {
    return this.dataSource.transaction(async (manager) => {
      const funder = await this.funders.findById(id, manager);
      if (!funder) throw notFound(id);
      if (funder.logoDocumentId === null) return funder;
      return this.replaceLogo(manager, actor, funder, null);
    });
  }

  /** The logo's bytes, for whoever may read the funder. */
  async logo(principal: Principal, id: string): Promise<StoredDocument> {
    const funder = await this.get(principal, id);
    const document =
      funder.logoDocumentId === null
        ? null
        : await this.documents.findWithContent(funder.logoDocumentId);
    if (!document) {
      throw new FundingException(
        FundingExceptionCode.FUNDER_LOGO_NOT_FOUND,
        `Funder ${id} has no logo.`,
      );
    }
    return document;
  }

  private async replaceLogo(
    manager: EntityManager,
    actor: Principal,
    funder: Funder,
    document: StoredDocument | null,
  ): Promise<Funder> {
    const before = { logoDocumentId: funder.logoDocumentId };
    funder.logoDocumentId = document?.id ?? null;
    const saved = await this.funders.save(manager, funder);
    await this.audit.record(manager, actor, {
      action: document ? 'funder.logo-changed' : 'funder.logo-removed',
      entityType: 'funder',
      entityId: funder.id,
      before,
      after: document
        ? {
            logoDocumentId: document.id,
            contentType: document.contentType,
            sha256: document.sha256,
            sizeBytes: document.sizeBytes,
          }
        : { logoDocumentId: null },
    });
    return saved;
  }

  private async assertSiretFree(
    manager: EntityManager,
    siret: string | null | undefined,
  ): Promise<void> {
    if (siret && (await this.funders.findBySiret(siret, manager))) {
      throw new FundingException(
        FundingExceptionCode.SIRET_ALREADY_USED,
        `A funder already has SIRET ${siret}.`,
      );
    }
  }
}

function notFound(id: string): FundingException {
  return new FundingException(FundingExceptionCode.FUNDER_NOT_FOUND, `No funder ${id}.`);
}

function auditView(funder: Funder): Record<string, unknown> {
  const { name, kind, siret, contactName, contactEmail, contactPhone } = funder;
  return { name, kind, siret, contactName, contactEmail, contactPhone };
}
