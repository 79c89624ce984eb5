import { InvalidSortError, parseSort } from './sort.js';

describe('parseSort', () => {
  const allowed = ['email', 'createdAt', 'role'] as const;

  it('reads ascending and descending terms in order', () => {
    expect(parseSort('email,-createdAt', allowed)).toEqual([
      { field: 'email', direction: 'ASC' },
      { field: 'createdAt', direction: 'DESC' },
    ]);
  });

  it('returns no terms for an empty spec', () => {
    expect(parseSort(undefined, allowed)).toEqual([]);
    expect(parseSort('  ', allowed)).toEqual([]);
  });

  it('refuses a field outside the allow-list, naming it', () => {
    expect(() => parseSort('email,password', allowed)).toThrow(InvalidSortError);
    expect(() => parseSort('-"id"; drop table', allowed)).toThrow(/Cannot sort by/);
  });

  it('keeps the first term of a repeated field', () => {
    expect(parseSort('-role,role', allowed)).toEqual([{ field: 'role', direction: 'DESC' }]);
  });
});
