import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Beneficiary } from './beneficiary.entity.js';
import { Diagnostic } from './diagnostic.entity.js';

/** Whose beneficiaries a caller sees: every one, or those of some structures. */
export type BeneficiaryVisibility = { all: true } | { all: false; prescriberIds: string[] };

export interface BeneficiaryFilter {
  programmeId?: string;
  firstName?: string;
}

/** A structure and the communes it serves (its own first). */
export interface StructureRow {
  id: string;
  inseeCodes: string[];
}

/** Beneficiaries of one commune, one situation and one age (band or birth year). */
export interface CountRow {
  inseeCode: string;
  situation: string;
  ageBand: string | null;
  birthYear: number | null;
  count: number;
}

@Injectable()
export class BeneficiariesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(manager: EntityManager, visibility: BeneficiaryVisibility) {
    const query = manager.getRepository(Beneficiary).createQueryBuilder('b');
    if (!visibility.all) {
      query.andWhere('b.prescriber_id = ANY(:pids)', { pids: visibility.prescriberIds });
    }
    return query;
  }

  findPage(
    visibility: BeneficiaryVisibility,
    filter: BeneficiaryFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Beneficiary[], number]> {
    const query = this.query(this.dataSource.manager, visibility);
    if (filter.programmeId) query.andWhere('b.programme_id = :prog', { prog: filter.programmeId });
    if (filter.firstName) {
      query.andWhere('b.first_name ILIKE :fn', { fn: `${escapeLike(filter.firstName)}%` });
    }
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`b.${field}`, direction);
    query.addOrderBy('b.id', 'ASC');
    return query.skip(skip).take(take).getManyAndCount();
  }

  findById(
    id: string,
    visibility: BeneficiaryVisibility,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Beneficiary | null> {
    return this.query(manager, visibility).andWhere('b.id = :id', { id }).getOne();
  }

  /** A household's beneficiaries (by household key), most recent first. */
  findByHousehold(
    visibility: BeneficiaryVisibility,
    householdKey: Buffer,
    programmeId: string | undefined,
    limit: number,
  ): Promise<Beneficiary[]> {
    const query = this.query(this.dataSource.manager, visibility).andWhere(
      'b.household_key = :key',
      { key: householdKey },
    );
    if (programmeId) query.andWhere('b.programme_id = :prog', { prog: programmeId });
    return query.orderBy('b.created_at', 'DESC').addOrderBy('b.id', 'ASC').limit(limit).getMany();
  }

  insert(manager: EntityManager, beneficiary: Partial<Beneficiary>): Promise<Beneficiary> {
    return manager.save(Beneficiary, manager.create(Beneficiary, beneficiary));
  }

  async update(manager: EntityManager, id: string, fields: Partial<Beneficiary>): Promise<void> {
    await manager.update(Beneficiary, { id }, fields);
  }

  /** The structure of an organisation (an agent's), with the communes it serves. */
  async structureOfOrganisation(organisationId: string): Promise<StructureRow | null> {
    const rows = await this.dataSource.query<StructureRow[]>(
      `${STRUCTURE} WHERE p.organisation_id = $1`,
      [organisationId],
    );
    return rows[0] ?? null;
  }

  async structureById(id: string): Promise<StructureRow | null> {
    const rows = await this.dataSource.query<StructureRow[]>(`${STRUCTURE} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  programme(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Programme | null> {
    return manager.findOneBy(Programme, { id });
  }

  async enrolledInseeCodes(programmeId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ inseeCode: string }[]>(
      'SELECT insee_code AS "inseeCode" FROM enrolment WHERE programme_id = $1',
      [programmeId],
    );
    return rows.map((r) => r.inseeCode);
  }

  async communeExists(inseeCode: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM commune WHERE insee_code = $1', [
      inseeCode,
    ]);
    return rows.length > 0;
  }

  /**
   * Beneficiaries of a programme by commune, situation and age; only the communes of one
   * organisation (a référent's) when given.
   */
  counts(programmeId: string, communeOrganisationId: string | undefined): Promise<CountRow[]> {
    return this.dataSource.query<CountRow[]>(
      `SELECT b.insee_code AS "inseeCode", b.situation, b.age_band AS "ageBand",
              b.birth_year AS "birthYear", count(*)::int AS count
       FROM beneficiary b
       WHERE b.programme_id = $1
         AND ($2::uuid IS NULL
              OR b.insee_code IN (SELECT insee_code FROM commune WHERE organisation_id = $2))
       GROUP BY 1, 2, 3, 4
       ORDER BY 1`,
      [programmeId, communeOrganisationId ?? null],
    );
  }

  insertDiagnostic(manager: EntityManager, diagnostic: Partial<Diagnostic>): Promise<Diagnostic> {
    return manager.save(Diagnostic, manager.create(Diagnostic, diagnostic));
  }

  diagnostics(beneficiaryId: string): Promise<Diagnostic[]> {
    return this.dataSource.manager.find(Diagnostic, {
      where: { beneficiaryId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }
}

/** A structure and its communes, its own first. */
const STRUCTURE = `SELECT p.id, ARRAY[p.insee_code::text] || coalesce(
    (SELECT array_agg(pc.insee_code::text ORDER BY pc.insee_code) FROM prescriber_commune pc
     WHERE pc.prescriber_id = p.id), '{}') AS "inseeCodes"
  FROM prescriber p`;
