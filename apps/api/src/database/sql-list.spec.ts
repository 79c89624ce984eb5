import { sqlLiterals } from './sql-list.js';

describe('sqlLiterals', () => {
  it('quotes status words for an IN list', () => {
    expect(sqlLiterals(['ISSUED', 'DISTRIBUTED'])).toBe(`'ISSUED', 'DISTRIBUTED'`);
  });

  it('refuses an empty list and anything but a status word', () => {
    expect(() => sqlLiterals([])).toThrow();
    expect(() => sqlLiterals(["ISSUED') OR ('1"])).toThrow();
  });
});
