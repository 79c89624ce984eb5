import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { CreateOrganisationDto, ListOrganisationsQueryDto } from './dto/organisation.dto.js';
import type { Organisation } from './organisation.entity.js';
import { OrganisationException, OrganisationExceptionCode } from './organisation.exception.js';
import { OrganisationsRepository } from './organisations.repository.js';

const SORTABLE = { name: 'name', kind: 'kind', createdAt: 'createdAt' } as const;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The programme owner's name, for the sign-in page and e-mails (null before the seed). */
  async ownerName(): Promise<string | null> {
    return (await this.organisations.findOwner())?.name ?? null;
  }

  async list(query: ListOrganisationsQueryDto): Promise<Page<Organisation>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.organisations.findPage(query.filter ?? {}, order, skip, take),
    );
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) {
      throw new OrganisationException(
        OrganisationExceptionCode.ORGANISATION_NOT_FOUND,
        `No organisation ${id}.`,
      );
    }
    return organisation;
  }

  create(actor: Principal, input: CreateOrganisationDto): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      // The owner's managers see every organisation: a second owner would see everything too.
      if (input.kind === 'OWNER' && (await this.organisations.lockOwner(manager))) {
        throw new OrganisationException(
          OrganisationExceptionCode.OWNER_ORGANISATION_EXISTS,
          'There is already a programme owner organisation; there can be only one.',
        );
      }
      const organisation = await this.organisations.create(manager, input);
      await this.audit.record(manager, actor, {
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: organisation.id,
        after: { kind: organisation.kind, name: organisation.name },
      });
      return organisation;
    });
  }
}
