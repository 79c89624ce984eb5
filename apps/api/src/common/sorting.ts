import { InvalidSortError, parseSort } from '@carnet/domain';
import { CommonException, CommonExceptionCode } from './common.exception.js';

/**
 * Turns the `sort` query parameter into a TypeORM order, through an allow-list mapping API field
 * names to entity properties. An unknown field is a VALIDATION_FAILED naming it.
 */
export function orderFrom<F extends string>(
  sort: string | undefined,
  columns: Readonly<Record<F, string>>,
  fallback: Record<string, 'ASC' | 'DESC'>,
): Record<string, 'ASC' | 'DESC'> {
  try {
    const terms = parseSort(sort, Object.keys(columns) as F[]);
    if (terms.length === 0) return fallback;
    return Object.fromEntries(terms.map((t) => [columns[t.field], t.direction]));
  } catch (error) {
    if (error instanceof InvalidSortError) {
      throw new CommonException(CommonExceptionCode.VALIDATION_FAILED, error.message, [
        { field: 'sort', message: error.message },
      ]);
    }
    throw error;
  }
}
