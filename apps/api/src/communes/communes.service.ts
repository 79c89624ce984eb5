import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationsRepository } from '#src/auth/organisations.repository.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import type { User } from '#src/auth/user.entity.js';
import { UsersRepository } from '#src/auth/users.repository.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { Commune } from './commune.entity.js';
import { CommuneException, CommuneExceptionCode } from './commune.exception.js';
import { CommunesRepository } from './communes.repository.js';
import type {
  ImportCommunesDto,
  ImportCommunesResponseDto,
  ListCommunesQueryDto,
} from './dto/commune.dto.js';
import { communesOfDepartement, communesOfEpci, type OfficialCommune } from './territory.js';

const SORTABLE = { name: 'name', inseeCode: 'inseeCode', population: 'population' } as const;
const TRACKED = [
  'name',
  'postalCodes',
  'population',
  'siren',
  'departement',
  'epciSiren',
  'epciName',
] as const;

@Injectable()
export class CommunesService {
  constructor(
    private readonly communes: CommunesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, query: ListCommunesQueryDto): Promise<Page<Commune>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.communes.findPage(
        OrganisationScope.of(principal),
        query.filter ?? {},
        order,
        skip,
        take,
      ),
    );
  }

  /** Every imported commune, whoever asks (names and codes are public reference data). */
  async directory(query: ListCommunesQueryDto): Promise<Page<Commune>> {
    return paginate(query, SORTABLE, { name: 'ASC' }, (order, skip, take) =>
      this.communes.findPage({ filter: undefined }, query.filter ?? {}, order, skip, take),
    );
  }

  async get(principal: Principal, inseeCode: string): Promise<Commune> {
    const commune = await this.communes.findByInsee(inseeCode);
    if (!commune || !OrganisationScope.of(principal).includes(commune.organisationId)) {
      throw new CommuneException(
        CommuneExceptionCode.COMMUNE_NOT_FOUND,
        `No commune ${inseeCode}.`,
      );
    }
    return commune;
  }

  /** Who may be named référent of this commune: its active COMMUNE_REFERENT users. */
  async referents(principal: Principal, inseeCode: string): Promise<User[]> {
    const commune = await this.get(principal, inseeCode);
    return this.users.findActiveByOrganisationAndRole(commune.organisationId, 'COMMUNE_REFERENT');
  }

  /**
   * Imports the communes of an EPCI or a département from the official geographic code. Running
   * it again updates names, postal codes, populations and EPCI membership; nothing is duplicated.
   * Each new commune gets its COMMUNE organisation, where its référents' accounts live.
   */
  async import(actor: Principal, input: ImportCommunesDto): Promise<ImportCommunesResponseDto> {
    if ((input.epciSiren === undefined) === (input.departement === undefined)) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        'Give either epciSiren or departement.',
        [{ field: 'epciSiren', message: 'exactly one of epciSiren and departement is required' }],
      );
    }
    const official = input.epciSiren
      ? communesOfEpci(input.epciSiren)
      : communesOfDepartement(input.departement!);
    if (!official) {
      throw new CommuneException(
        CommuneExceptionCode.TERRITORY_NOT_FOUND,
        input.epciSiren
          ? `No EPCI with SIREN ${input.epciSiren} in the official geographic code.`
          : `No département ${input.departement} in the official geographic code.`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const existing = new Map(
        (
          await this.communes.findManyByInsee(
            manager,
            official.map((c) => c.inseeCode),
          )
        ).map((c) => [c.inseeCode, c]),
      );
      const result = { total: official.length, created: 0, updated: 0, unchanged: 0 };
      for (const fresh of official) {
        const current = existing.get(fresh.inseeCode);
        if (!current) {
          const organisation = await this.organisations.create(manager, {
            kind: 'COMMUNE',
            name: fresh.name,
          });
          await this.communes.save(manager, { ...fresh, organisationId: organisation.id });
          result.created++;
          continue;
        }
        const before = tracked(current);
        const after = tracked(fresh);
        if (JSON.stringify(before) === JSON.stringify(after)) {
          result.unchanged++;
          continue;
        }
        await this.communes.save(manager, { ...current, ...after });
        await this.audit.record(manager, actor, {
          action: 'commune.updated-from-official-code',
          entityType: 'commune',
          entityId: fresh.inseeCode,
          before,
          after,
        });
        result.updated++;
      }
      await this.audit.record(manager, actor, {
        action: 'commune.imported',
        entityType: input.epciSiren ? 'epci' : 'departement',
        entityId: input.epciSiren ?? input.departement!,
        after: result,
      });
      return result;
    });
  }
}

function tracked(commune: OfficialCommune | Commune): Record<string, unknown> {
  return Object.fromEntries(TRACKED.map((field) => [field, commune[field]]));
}
