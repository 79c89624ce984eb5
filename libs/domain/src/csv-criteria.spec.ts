import fc from 'fast-check';
import { parseCriteriaCsv, parseFrenchNumber } from './csv-criteria.js';

const known = new Set(['01004', '13001', '13055', '2A004', '2B033']);

describe('parseFrenchNumber', () => {
  it.each([
    ['0', 0],
    ['1234', 1234],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1 234', 1234],
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234\u202f567', 1_234_567],
    ['  42  ', 42],
  ])('reads %j as %d', (text, value) => {
    expect(parseFrenchNumber(text)).toBe(value);
  });

  it.each(['', '-5', '1,2,3', '1 23', '12 34', '1.234,5', 'abc', '1e3', ',5', '5,', '+5'])(
    'refuses %j',
    (text) => {
      expect(parseFrenchNumber(text)).toBeUndefined();
    },
  );

  it('reads back any number written the French way', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 99 }), (units, cents) => {
        const grouped = units.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
        const decimals = cents.toString().padStart(2, '0');
        expect(parseFrenchNumber(`${grouped},${decimals}`)).toBeCloseTo(units + cents / 100, 6);
        expect(parseFrenchNumber(grouped)).toBe(units);
      }),
    );
  });
});

describe('parseCriteriaCsv', () => {
  it('reads a well-formed file', () => {
    const rows = [
      ['\uFEFFinseeCode', 'population', 'qpv'],
      ['13055', '870 321', '12,5'],
      [' 2a004 ', '0', '1.5'],
      ['01004', '14 000', '0'],
      [''],
    ];
    expect(parseCriteriaCsv(rows, known)).toEqual({
      ok: true,
      rows: [
        { inseeCode: '13055', criteria: { population: 870_321, qpv: 12.5 } },
        { inseeCode: '2A004', criteria: { population: 0, qpv: 1.5 } },
        { inseeCode: '01004', criteria: { population: 14_000, qpv: 0 } },
      ],
    });
  });

  it('keeps a column named like an Object property as plain data', () => {
    const result = parseCriteriaCsv(
      [
        ['inseeCode', '__proto__'],
        ['13001', '7'],
      ],
      known,
    );
    expect(result.ok && Object.hasOwn(result.rows[0].criteria, '__proto__')).toBe(true);
    expect(result.ok && result.rows[0].criteria['__proto__']).toBe(7);
  });

  it('lists every error with its file line and column', () => {
    const rows = [
      ['inseeCode', 'population', 'qpv'],
      ['13055', '100', '5'],
      ['1004', '100', '5'],
      ['99999', '100', '5'],
      ['13055', '-3', 'beaucoup'],
      ['13001', ''],
      ['2C001', '1', '2', '3'],
    ];
    const result = parseCriteriaCsv(rows, known);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ line, field }) => [line, field])).toEqual([
      [3, 'inseeCode'],
      [4, 'inseeCode'],
      [5, 'inseeCode'],
      [5, 'population'],
      [5, 'qpv'],
      [6, undefined],
      [6, 'population'],
      [7, undefined],
      [7, 'inseeCode'],
    ]);
    const messages = result.errors.map((e) => e.message);
    expect(messages[0]).toMatch(/leading zero \(01004\)/);
    expect(messages[1]).toMatch(/Unknown INSEE code "99999"/);
    expect(messages[2]).toMatch(/already appears on line 2/);
    expect(messages[3]).toMatch(/negative/);
    expect(messages[4]).toMatch(/"beaucoup" is not a number/);
    expect(messages[5]).toMatch(/Expected 3 fields, found 2/);
    expect(messages[6]).toMatch(/Missing value/);
    expect(messages[8]).toMatch(/"2C001" is not an INSEE code/);
  });

  it('checks the header before anything else', () => {
    expect(parseCriteriaCsv([], known)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 1, message: expect.stringMatching(/empty/) })],
    });
    const result = parseCriteriaCsv(
      [
        ['code', 'population', '', 'population', 'inseeCode'],
        ['bad', 'bad'],
      ],
      known,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ line: 1, field: 'inseeCode' }),
        expect.objectContaining({ line: 1, message: 'Column 3 has no name' }),
        expect.objectContaining({ line: 1, field: 'population' }),
        expect.objectContaining({ line: 1, field: 'inseeCode' }),
      ],
    });
    expect(parseCriteriaCsv([['inseeCode']], known)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ message: expect.stringMatching(/no criterion/) })],
    });
  });

  it('refuses a file with a header only', () => {
    expect(
      parseCriteriaCsv(
        [
          ['inseeCode', 'population'],
          ['', ''],
        ],
        known,
      ),
    ).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'The file has no commune line' }],
    });
  });
});
