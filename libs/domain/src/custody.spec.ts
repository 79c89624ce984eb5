import fc from 'fast-check';
import {
  HOLDER_KINDS,
  movementKind,
  nextHolderKinds,
  formatCarnetSerial,
  holderLabelFr,
  serialRanges,
} from './custody.js';

describe('custody moves', () => {
  it('go down the chain as transfers and back up as returns, never skipping a level', () => {
    expect(movementKind('PROGRAMME', 'COMMUNE')).toBe('TRANSFER');
    expect(movementKind('COMMUNE', 'PRESCRIBER')).toBe('TRANSFER');
    expect(movementKind('PRESCRIBER', 'BENEFICIARY')).toBe('HAND_OUT');
    expect(movementKind('PRESCRIBER', 'COMMUNE')).toBe('RETURN');
    expect(movementKind('COMMUNE', 'PROGRAMME')).toBe('RETURN');
    expect(movementKind('PROGRAMME', 'PRESCRIBER')).toBeNull();
    expect(movementKind('PROGRAMME', 'BENEFICIARY')).toBeNull();
    expect(movementKind('BENEFICIARY', 'PRESCRIBER')).toBeNull();
    for (const kind of HOLDER_KINDS) expect(movementKind(kind, kind)).toBeNull();
  });

  it('list exactly the reachable holders', () => {
    for (const from of HOLDER_KINDS) {
      expect(nextHolderKinds(from).sort()).toEqual(
        HOLDER_KINDS.filter((to) => movementKind(from, to) !== null).sort(),
      );
    }
  });
});

describe('serial ranges', () => {
  it('compress consecutive serials', () => {
    expect(serialRanges([3, 1, 2, 7, 9, 10, 10])).toBe('1-3, 7, 9-10');
    expect(serialRanges([])).toBe('');
  });

  it('describe exactly the serials given, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 80 }), (serials) => {
        const expanded = serialRanges(serials)
          .split(', ')
          .filter((part) => part !== '')
          .flatMap((part) => {
            const [from, to = from] = part.split('-').map(Number) as [number, number?];
            return Array.from({ length: to - from + 1 }, (_, i) => from + i);
          });
        expect(expanded).toEqual([...new Set(serials)].sort((a, b) => a - b));
      }),
    );
  });

  it('print serials on 7 digits', () => {
    expect(formatCarnetSerial(42)).toBe('0000042');
  });
});

describe('holder labels in French', () => {
  it('name communes and structures, and stay generic for the stock and beneficiaries', () => {
    expect(holderLabelFr({ kind: 'PROGRAMME' })).toBe('Stock du programme');
    expect(holderLabelFr({ kind: 'COMMUNE', inseeCode: '62510', communeName: 'Liévin' })).toBe(
      'Liévin',
    );
    expect(
      holderLabelFr({
        kind: 'PRESCRIBER',
        communeName: 'Liévin',
        prescriberName: 'CCAS de Liévin',
      }),
    ).toBe('CCAS de Liévin');
    expect(holderLabelFr({ kind: 'BENEFICIARY', communeName: 'Liévin' })).toBe('Bénéficiaire');
  });

  it('fall back to the INSEE code, then to a dash, as the admin does', () => {
    expect(holderLabelFr({ kind: 'COMMUNE', inseeCode: '62510', communeName: null })).toBe('62510');
    expect(holderLabelFr({ kind: 'COMMUNE' })).toBe('—');
    expect(holderLabelFr({ kind: 'PRESCRIBER', inseeCode: '62510', prescriberName: null })).toBe(
      '—',
    );
    expect(holderLabelFr(null)).toBe('—');
  });

  it('never name a beneficiary, whatever names come along', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (communeName, prescriberName) => {
        expect(holderLabelFr({ kind: 'BENEFICIARY', communeName, prescriberName })).toBe(
          'Bénéficiaire',
        );
      }),
    );
  });
});
