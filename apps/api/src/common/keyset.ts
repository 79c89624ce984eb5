import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonException, CommonExceptionCode } from './common.exception.js';
import { type KeysetPage, ListQueryDto } from './pagination.dto.js';
import { orderFrom } from './sorting.js';
import { Optional } from './validators.js';

/**
 * Up to this many matching rows a list counts exactly; beyond, `total` is the planner's estimate
 * and `meta.totalIsEstimate` is true. Counting a million matches would cost a scan of all of them
 * on every page; counting 10,001 at most costs the same whatever the table's size.
 */
export const EXACT_TOTAL_LIMIT = 10_000;

/** A list that also pages by key: `?cursor=` takes the page after a row, however deep. */
export class KeysetListQueryDto extends ListQueryDto {
  /**
   * `meta.nextCursor` of the previous page: the next page is then found by its key (constant
   * time however deep), with the same `sort` and filters; `page` is only echoed back.
   * @example "eyJzIjoic2VyaWFsIiwiaWQiOiI0ZjJi…"
   */
  @ApiPropertyOptional({
    description:
      '`meta.nextCursor` of the previous page: the next page is then found by its key (constant time however deep), with the same `sort` and filters; `page` is only echoed back. Refused (400) for another sort.',
    example: 'eyJzIjoic2VyaWFsIiwiaWQiOiI0ZjJi',
    pattern: '^[A-Za-z0-9_-]+$',
    maxLength: 400,
  })
  @Optional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a meta.nextCursor value' })
  cursor?: string;
}

/** A sortable field of a keyset list: the entity property and its column in the table. */
export interface KeysetField {
  property: string;
  column: string;
  /** True when the column alone identifies a row (no `id` needed to break ties). */
  unique?: boolean;
}

export interface KeysetList<F extends string> {
  /** Table and alias of the query builder's main entity; its key column is `id`. */
  table: string;
  alias: string;
  /** Type of `id`: a cursor naming anything else is refused before it reaches SQL. */
  idType: 'uuid' | 'bigint';
  sortable: Readonly<Record<F, KeysetField>>;
  /** Sort when the query names none, e.g. `serial` or `-id`. */
  fallback: string;
}

interface Cursor {
  /** The sort the cursor was made for: a cursor never continues another order. */
  s: string;
  /** Key of the last row of the page it follows. */
  id: string;
}

/**
 * One page of a list, by offset (`page`) or by key (`cursor`), with a bounded count. The query
 * builder holds the filters and many-to-one joins only (LIMIT applies to its rows). The cursor
 * carries the last row's id, and the page after it is `(sort columns, id) > (those of that row)`
 * read in the same statement: no timestamp goes through JavaScript and loses its microseconds.
 */
export async function keysetPage<T extends ObjectLiteral, F extends string>(
  qb: SelectQueryBuilder<T>,
  query: KeysetListQueryDto,
  list: KeysetList<F>,
  partition?: KeysetPartition,
): Promise<KeysetPage<T>> {
  const terms = sortTerms(query.sort, list);
  const sort = terms.map((t) => `${t.direction === 'DESC' ? '-' : ''}${t.column}`).join(',');
  const counted = qb.clone();

  for (const term of terms) qb.addOrderBy(`${list.alias}.${term.property}`, term.direction);
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor, sort, ID_PATTERNS[list.idType]);
    const direction = terms[0].direction;
    if (terms.some((t) => t.direction !== direction)) {
      throw invalidCursor('a cursor needs every sort field in one direction');
    }
    const columns = terms.map((t) => t.column);
    qb.andWhere(
      `(${columns.map((c) => `${list.alias}.${c}`).join(', ')}) ${direction === 'ASC' ? '>' : '<'} ` +
        `(SELECT ${columns.map((c) => `keyset.${c}`).join(', ')} FROM ${list.table} keyset WHERE keyset.id = :keysetCursorId)`,
      { keysetCursorId: cursor.id },
    );
  }
  const offset = query.cursor === undefined ? (query.page - 1) * query.pageSize : 0;
  const paged = partition ? partitioned(qb, list, partition, offset + query.pageSize + 1) : qb;
  const rows = await paged
    .offset(offset)
    .limit(query.pageSize + 1)
    .getMany();
  const more = rows.length > query.pageSize;
  const data = more ? rows.slice(0, query.pageSize) : rows;
  const last = data.at(-1) as { id?: string | number } | undefined;
  // A sort mixing directions pages by `page` only (no row comparison serves it).
  const oneDirection = terms.every((t) => t.direction === terms[0].direction);
  const nextCursor =
    more && oneDirection && last?.id !== undefined
      ? encodeCursor({ s: sort, id: String(last.id) })
      : null;

  const { total, estimated } = await boundedTotal(counted);
  return {
    data,
    meta: {
      page: query.page,
      pageSize: query.pageSize,
      total,
      ...(estimated ? { totalIsEstimate: true } : {}),
      nextCursor,
    },
  };
}

/**
 * Rows the caller may see, as the values of one indexed column (e.g. the custody holders a
 * commune's référent sees). Their rows cluster (carnets move in serial ranges), so walking the
 * sort index and skipping the others can read most of the table before a page is full.
 */
export interface KeysetPartition {
  column: string;
  values: string[];
}

/**
 * The page taken as the first rows of each partition value (an index on (column, sort) serves
 * each, with the filters and the cursor), merged by the outer query, which keeps only the joins
 * and the order: at most `perValue` rows per value are read, however big the table. `= ANY(ARRAY(…))`
 * makes the outer query look those ids up (an `IN (…)` let the planner hash-join a scan of the
 * whole table: 0.6 s at 10 M cheques).
 */
function partitioned<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  list: KeysetList<string>,
  partition: KeysetPartition,
  perValue: number,
): SelectQueryBuilder<T> {
  const first = qb
    .clone()
    .select(`${list.alias}.id`, 'keyset_id')
    .andWhere(`${list.alias}.${partition.column} = keyset_partition.value`)
    .limit(perValue);
  return qb
    .clone()
    .where(
      `${list.alias}.id = ANY(ARRAY(SELECT keyset_first.keyset_id FROM unnest(CAST(:keysetPartition AS uuid[])) keyset_partition(value) CROSS JOIN LATERAL (${first.getQuery()}) keyset_first))`,
      { keysetPartition: partition.values },
    );
}

/** The sort as columns, ending with `id` unless its last field is unique on its own. */
function sortTerms<F extends string>(
  sort: string | undefined,
  list: KeysetList<F>,
): (KeysetField & { direction: 'ASC' | 'DESC' })[] {
  const byProperty = new Map(Object.values<KeysetField>(list.sortable).map((f) => [f.property, f]));
  const fallback = list.fallback.startsWith('-')
    ? { [list.sortable[list.fallback.slice(1) as F].property]: 'DESC' as const }
    : { [list.sortable[list.fallback as F].property]: 'ASC' as const };
  const properties = Object.fromEntries(
    Object.entries(list.sortable).map(([field, f]) => [field, (f as KeysetField).property]),
  ) as Record<F, string>;
  const order = orderFrom(sort, properties, fallback);
  const terms = Object.entries(order).map(([property, direction]) => ({
    ...byProperty.get(property)!,
    direction,
  }));
  const lastTerm = terms.at(-1)!;
  if (!lastTerm.unique) {
    terms.push({ property: 'id', column: 'id', unique: true, direction: lastTerm.direction });
  }
  return terms;
}

/** Exact up to EXACT_TOTAL_LIMIT matches; beyond, the planner's estimate of the filtered rows. */
async function boundedTotal<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<{ total: number; estimated: boolean }> {
  const [sql, parameters] = qb.select(`${qb.alias}.id`).getQueryAndParameters();
  const [counted] = await qb.connection.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${sql} LIMIT ${EXACT_TOTAL_LIMIT + 1}) matching`,
    parameters,
  );
  const exact = counted?.n ?? 0;
  if (exact <= EXACT_TOTAL_LIMIT) return { total: exact, estimated: false };
  const [plan] = await qb.connection.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    parameters,
  );
  const estimate = Math.round(plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  return { total: Math.max(estimate, EXACT_TOTAL_LIMIT + 1), estimated: true };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const ID_PATTERNS = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  bigint: /^[1-9][0-9]{0,17}$/,
} as const;

function decodeCursor(value: string, sort: string, idPattern: RegExp): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('cursor must be a meta.nextCursor value');
  }
  const { s, id } = (cursor ?? {}) as Partial<Cursor>;
  if (typeof s !== 'string' || typeof id !== 'string' || !idPattern.test(id)) {
    throw invalidCursor('cursor must be a meta.nextCursor value');
  }
  if (s !== sort) throw invalidCursor('cursor was made for another sort: start again from page 1');
  return { s, id };
}

function invalidCursor(message: string): CommonException {
  return new CommonException(CommonExceptionCode.VALIDATION_FAILED, message, [
    { field: 'cursor', message },
  ]);
}
