import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_CLIENT_ORGANISATION_KINDS } from '@carnet/domain';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { ApiClient } from './api-client.entity.js';
import { ApiClientException, ApiClientExceptionCode } from './api-client.exception.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import type { CreateApiClientDto, ListApiClientsQueryDto } from './dto/api-client.dto.js';
import { OrganisationException, OrganisationExceptionCode } from './organisation.exception.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { randomSecret } from './secrets.js';

const SORTABLE = { name: 'name', createdAt: 'createdAt' } as const;

@Injectable()
export class ApiClientsService {
  constructor(
    private readonly clients: ApiClientsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(query: ListApiClientsQueryDto): Promise<Page<ApiClient>> {
    return paginate(query, SORTABLE, { createdAt: 'DESC' }, (order, skip, take) =>
      this.clients.findPage(query.filter ?? {}, order, skip, take),
    );
  }

  async get(id: string): Promise<ApiClient> {
    const client = await this.clients.findById(id);
    if (!client) throw notFound(id);
    return client;
  }

  /** Creates a client and returns its secret, which is never shown again. */
  async create(
    actor: Principal,
    input: CreateApiClientDto,
  ): Promise<{ client: ApiClient; secret: string }> {
    const secret = randomSecret(32);
    const secretHash = await this.passwords.hash(secret);
    const client = await this.dataSource.transaction(async (manager) => {
      const organisation = await this.organisations.findById(input.organisationId, manager);
      if (!organisation) {
        throw new OrganisationException(
          OrganisationExceptionCode.ORGANISATION_NOT_FOUND,
          `No organisation ${input.organisationId}.`,
        );
      }
      if (!API_CLIENT_ORGANISATION_KINDS.includes(organisation.kind)) {
        throw new ApiClientException(
          ApiClientExceptionCode.API_CLIENT_ORGANISATION_NOT_ALLOWED,
          `API clients act for venues; ${organisation.name} is a ${organisation.kind}.`,
        );
      }
      const saved = await this.clients.save(manager, {
        name: input.name,
        clientId: `cc_${randomSecret(12)}`,
        secretHash,
        organisationId: organisation.id,
        scopes: input.scopes,
        revokedAt: null,
      });
      saved.organisation = organisation;
      await this.audit.record(manager, actor, {
        action: 'api-client.created',
        entityType: 'api-client',
        entityId: saved.id,
        after: {
          name: saved.name,
          clientId: saved.clientId,
          organisationId: saved.organisationId,
          scopes: saved.scopes,
        },
      });
      return saved;
    });
    return { client, secret };
  }

  /** Revokes a client: its tokens stop working at their next request. */
  revoke(actor: Principal, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.clients.findById(id, manager);
      if (!client) throw notFound(id);
      if (client.revokedAt !== null) {
        throw new ApiClientException(
          ApiClientExceptionCode.API_CLIENT_ALREADY_REVOKED,
          `Client ${id} is already revoked.`,
        );
      }
      client.revokedAt = new Date();
      await this.clients.save(manager, client);
      await this.audit.record(manager, actor, {
        action: 'api-client.revoked',
        entityType: 'api-client',
        entityId: client.id,
        before: { revokedAt: null },
        after: { revokedAt: client.revokedAt },
      });
    });
  }
}

function notFound(id: string): ApiClientException {
  return new ApiClientException(
    ApiClientExceptionCode.API_CLIENT_NOT_FOUND,
    `No API client ${id}.`,
  );
}
