export interface SortTerm<F extends string> {
  field: F;
  direction: 'ASC' | 'DESC';
}

export class InvalidSortError extends Error {
  constructor(
    readonly field: string,
    readonly allowed: readonly string[],
  ) {
    super(`Cannot sort by "${field}"; allowed: ${allowed.join(', ')}`);
    this.name = 'InvalidSortError';
  }
}

/**
 * Parses the list convention `sort=field,-other` into terms, refusing fields not in `allowed`
 * (so user input never reaches an ORDER BY unchecked). Repeated fields keep their first term.
 */
export function parseSort<F extends string>(
  spec: string | undefined,
  allowed: readonly F[],
): SortTerm<F>[] {
  if (spec === undefined || spec.trim() === '') return [];
  const terms: SortTerm<F>[] = [];
  for (const raw of spec.split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    const descending = token.startsWith('-');
    const name = descending ? token.slice(1) : token.replace(/^\+/, '');
    if (!(allowed as readonly string[]).includes(name)) throw new InvalidSortError(name, allowed);
    if (terms.some((t) => t.field === name)) continue;
    terms.push({ field: name as F, direction: descending ? 'DESC' : 'ASC' });
  }
  return terms;
}
