import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import type { User } from '#src/auth/user.entity.js';
import { UsersRepository } from '#src/auth/users.repository.js';
import { assertPdf } from '#src/files/document.exception.js';
import { DocumentsRepository } from '#src/files/documents.repository.js';
import type { StoredDocument } from '#src/files/document.entity.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import type { Commune } from './commune.entity.js';
import { CommuneException, CommuneExceptionCode } from './commune.exception.js';
import { CommunesRepository } from './communes.repository.js';
import type { CreateEnrolmentDto, UpdateEnrolmentDto } from './dto/enrolment.dto.js';
import type { Enrolment } from './enrolment.entity.js';

/** Communes joining a programme: délibération, convention de mandat, référents. */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly communes: CommunesRepository,
    private readonly programmes: ProgrammesService,
    private readonly documents: DocumentsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, programmeId: string): Promise<Enrolment[]> {
    await this.programmes.get(principal, programmeId);
    return this.communes.enrolments(programmeId, OrganisationScope.of(principal));
  }

  enrol(actor: Principal, programmeId: string, input: CreateEnrolmentDto): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      await this.programmes.get(actor, programmeId, manager);
      const commune = await this.communes.findByInsee(input.inseeCode, manager);
      if (!commune) {
        throw new CommuneException(
          CommuneExceptionCode.COMMUNE_NOT_FOUND,
          `No commune ${input.inseeCode}: import its EPCI or département first.`,
        );
      }
      if (await this.communes.findEnrolment(manager, programmeId, input.inseeCode)) {
        throw new CommuneException(
          CommuneExceptionCode.ALREADY_ENROLLED,
          `${commune.name} already joined this programme.`,
        );
      }
      const enrolment = this.communes.createEnrolment(manager, {
        programmeId,
        inseeCode: commune.inseeCode,
        deliberationDate: input.deliberationDate,
        deliberationReference: input.deliberationReference,
        conventionSignedOn: input.conventionSignedOn ?? null,
        deliberationDocumentId: null,
        referents: await this.referents(manager, commune, input.referentUserIds ?? []),
      });
      const saved = await this.communes.saveEnrolment(manager, enrolment);
      saved.commune = commune;
      await this.audit.record(manager, actor, {
        action: 'enrolment.created',
        entityType: 'enrolment',
        entityId: saved.id,
        after: auditView(saved),
      });
      return saved;
    });
  }

  update(
    actor: Principal,
    programmeId: string,
    inseeCode: string,
    input: UpdateEnrolmentDto,
  ): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.find(actor, manager, programmeId, inseeCode);
      const before = auditView(enrolment);
      const { referentUserIds, ...fields } = input;
      Object.assign(enrolment, fields);
      if (referentUserIds)
        enrolment.referents = await this.referents(manager, enrolment.commune!, referentUserIds);
      const saved = await this.communes.saveEnrolment(manager, enrolment);
      await this.audit.record(manager, actor, {
        action: 'enrolment.updated',
        entityType: 'enrolment',
        entityId: saved.id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  /** Stores the délibération (a PDF), replacing any previous one; both stay in the audit trail. */
  attachDeliberation(
    actor: Principal,
    programmeId: string,
    inseeCode: string,
    content: unknown,
    contentType: string | undefined,
  ): Promise<Enrolment> {
    assertPdf(content, contentType);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.find(actor, manager, programmeId, inseeCode);
      const document = await this.documents.store(manager, {
        filename: `deliberation-${inseeCode}-${enrolment.deliberationReference}.pdf`,
        contentType: 'application/pdf',
        content,
        uploadedBy: actor.id,
      });
      const previous = enrolment.deliberationDocumentId;
      enrolment.deliberationDocumentId = document.id;
      const saved = await this.communes.saveEnrolment(manager, enrolment);
      await this.audit.record(manager, actor, {
        action: 'enrolment.deliberation-attached',
        entityType: 'enrolment',
        entityId: saved.id,
        before: { deliberationDocumentId: previous },
        after: {
          deliberationDocumentId: document.id,
          sha256: document.sha256,
          sizeBytes: document.sizeBytes,
        },
      });
      return saved;
    });
  }

  async deliberation(
    principal: Principal,
    programmeId: string,
    inseeCode: string,
  ): Promise<StoredDocument> {
    const enrolment = await this.find(principal, this.dataSource.manager, programmeId, inseeCode);
    const document = enrolment.deliberationDocumentId
      ? await this.documents.findWithContent(enrolment.deliberationDocumentId)
      : null;
    if (!document) {
      throw new CommuneException(
        CommuneExceptionCode.DOCUMENT_NOT_FOUND,
        'No délibération was uploaded for this enrolment.',
      );
    }
    return document;
  }

  private async find(
    principal: Principal,
    manager: EntityManager,
    programmeId: string,
    inseeCode: string,
  ): Promise<Enrolment> {
    await this.programmes.get(principal, programmeId, manager);
    const enrolment = await this.communes.findEnrolment(manager, programmeId, inseeCode);
    if (!enrolment?.commune || !readsEnrolmentOf(principal, enrolment.commune)) {
      throw new CommuneException(
        CommuneExceptionCode.ENROLMENT_NOT_FOUND,
        `No enrolment of commune ${inseeCode} in this programme that you may read.`,
      );
    }
    return enrolment;
  }

  /** Référents must be active COMMUNE_REFERENT users of that very commune. */
  private async referents(
    manager: EntityManager,
    commune: Commune,
    ids: string[],
  ): Promise<User[]> {
    if (ids.length === 0) return [];
    const users = await this.users.findByIds(manager, ids);
    const wrong = ids.filter((id) => {
      const user = users.find((u) => u.id === id);
      return (
        !user ||
        user.role !== 'COMMUNE_REFERENT' ||
        user.organisationId !== commune.organisationId ||
        !user.active
      );
    });
    if (wrong.length > 0) {
      throw new CommuneException(
        CommuneExceptionCode.REFERENT_NOT_ALLOWED,
        `Référents must be active COMMUNE_REFERENT users of ${commune.name}: ${wrong.join(', ')} is not.`,
      );
    }
    return users;
  }
}

/**
 * Who reads a commune's enrolment once the programme is visible to them (checked first): the
 * programme's readers as a whole (the owner's staff, its funders) and the commune's own staff.
 * The same rule as the list (CommunesRepository.enrolments).
 */
function readsEnrolmentOf(principal: Principal, commune: Commune): boolean {
  const scope = OrganisationScope.of(principal);
  return scope.all || scope.organisationKind === 'FUNDER' || scope.includes(commune.organisationId);
}

/** Who reads the référents' names and e-mails: the owner's staff and the commune's own staff. */
export function readsReferentsOf(principal: Principal): boolean {
  const scope = OrganisationScope.of(principal);
  return scope.all || scope.organisationKind === 'COMMUNE';
}

function auditView(enrolment: Enrolment): Record<string, unknown> {
  return {
    programmeId: enrolment.programmeId,
    inseeCode: enrolment.inseeCode,
    deliberationDate: enrolment.deliberationDate,
    deliberationReference: enrolment.deliberationReference,
    conventionSignedOn: enrolment.conventionSignedOn,
    referentUserIds: (enrolment.referents ?? []).map((u) => u.id).sort(),
  };
}
