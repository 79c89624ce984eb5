import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { orderFrom } from './sorting.js';
import { IntegerParam, Optional } from './validators.js';

/**
 * Deepest page a list serves. A bound, not a promise of speed: deep pages cost a scan of everything
 * before them. The big lists (carnets, audit log) also page by key: see keyset.ts.
 */
export const MAX_PAGE = 100_000;

/** The page of a list: `?page=1&pageSize=50`. */
export class PageQueryDto {
  /**
   * Page number, from 1.
   * @example 1
   */
  @ApiPropertyOptional({ default: 1 })
  @Optional()
  @IntegerParam({ min: 1, max: MAX_PAGE })
  page: number = 1;

  /**
   * Items per page (at most 200).
   * @example 50
   */
  @ApiPropertyOptional({ default: 50 })
  @Optional()
  @IntegerParam({ min: 1, max: 200 })
  pageSize: number = 50;
}

/** Query parameters every sortable list accepts: `?page=1&pageSize=50&sort=field,-other`. */
export class ListQueryDto extends PageQueryDto {
  /**
   * Comma-separated fields; a leading `-` sorts descending. Each list names its sortable fields.
   * @example "-createdAt"
   */
  @Optional()
  @IsString()
  sort?: string;
}

export class PageMetaDto {
  /** @example 1 */
  page!: number;
  /** @example 50 */
  pageSize!: number;
  /** Number of items matching the filters, all pages together. @example 137 */
  total!: number;
}

/** The meta of a list that also pages by key (`?cursor=`) and bounds its count. */
export class KeysetPageMetaDto extends PageMetaDto {
  /**
   * True when more rows match than a list counts exactly (10,000): `total` is then the
   * database's estimate. Absent when `total` is exact.
   */
  totalIsEstimate?: boolean;
  /** Pass as `cursor` to read the next page by key; null on the last page. */
  nextCursor!: string | null;
}

export interface Page<T> {
  data: T[];
  meta: PageMetaDto;
}

export interface KeysetPage<T> {
  data: T[];
  meta: KeysetPageMetaDto;
}

export function pageOf<T>(data: T[], total: number, query: ListQueryDto): Page<T> {
  return { data, meta: { page: query.page, pageSize: query.pageSize, total } };
}

/**
 * The list convention in one place: checks `sort` against the allowed fields, turns page and
 * pageSize into skip/take, and wraps the rows and their count as `{ data, meta }`.
 */
export async function paginate<T, F extends string>(
  query: ListQueryDto,
  sortable: Readonly<Record<F, string>>,
  fallback: Record<string, 'ASC' | 'DESC'>,
  fetch: (
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ) => Promise<[T[], number]>,
): Promise<Page<T>> {
  const order = orderFrom(query.sort, sortable, fallback);
  const [rows, total] = await fetch(order, (query.page - 1) * query.pageSize, query.pageSize);
  return pageOf(rows, total, query);
}
