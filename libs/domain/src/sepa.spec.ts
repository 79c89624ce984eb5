import fc from 'fast-check';
import {
  epcText,
  formatSepaAmount,
  isEpcText,
  isSepaId,
  SEPA_NAME_MAX_LENGTH,
  SEPA_REMITTANCE_MAX_LENGTH,
  sepaEndToEndId,
  sepaMessageId,
  sepaName,
  sepaRemittance,
  toEpcText,
} from './sepa.js';

describe('toEpcText', () => {
  it('drops accents and spells out ligatures', () => {
    expect(toEpcText('Liévin')).toBe('Lievin');
    expect(toEpcText('Espace public numérique de Liévin')).toBe(
      'Espace public numerique de Lievin',
    );
    expect(toEpcText('Médiathèque Louis Aragon — Hénin-Beaumont')).toBe(
      'Mediatheque Louis Aragon - Henin-Beaumont',
    );
    expect(toEpcText('Œuvre sociale, cœur, Ægir, Straße')).toBe(
      'OEuvre sociale, coeur, AEgir, Strasse',
    );
    expect(toEpcText('Français ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿñ')).toBe(
      'Francais AAACEEEEIIOOUUUYaaaceeeeiioouuuyn',
    );
    expect(toEpcText('ﬁche № 3')).toBe('fiche No 3');
  });

  it('straightens apostrophes and quotes, and maps other punctuation to its nearest allowed sign', () => {
    expect(toEpcText('Centre social l’Étoile')).toBe("Centre social l'Etoile");
    expect(toEpcText('Association « Avion Connecté »')).toBe("Association ' Avion Connecte '");
    expect(toEpcText('“Lens” & ‘Liévin’')).toBe("'Lens' + 'Lievin'");
    expect(toEpcText('a_b; c [d] {e} <f> g\\h 1⁄2 10 €…')).toBe(
      'a-b, c (d) (e) (f) g/h 1/2 10 EUR...',
    );
  });

  it('replaces anything else by a full stop, and spaces of any kind by one space', () => {
    expect(toEpcText('n° 12 # * @ ! % = ~ ^ $')).toBe('n. 12 . . . . . . . . .');
    expect(toEpcText('  Lens\u00a0\u202f\tLiévin\n\r ')).toBe('Lens Lievin');
    expect(toEpcText('Αθήνα Москва 北京 😀')).toBe('..... ...... .. .');
    expect(toEpcText('')).toBe('');
  });

  it('always gives EPC text that is its own transliteration', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        const text = toEpcText(value);
        expect(isEpcText(text)).toBe(true);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/ {2}/);
        expect(toEpcText(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves EPC text as it is, but for spaces', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(
          /^[A-Za-z0-9/\-?:().,'+]([A-Za-z0-9/\-?:().,'+ ]*[A-Za-z0-9/\-?:().,'+])?$/,
        ),
        (value) => {
          fc.pre(!value.includes('  '));
          expect(toEpcText(value)).toBe(value);
        },
      ),
    );
  });
});

describe('isEpcText', () => {
  it('accepts only the basic Latin set', () => {
    expect(isEpcText("AZaz09 /-?:().,'+")).toBe(true);
    for (const char of ['é', '&', '"', '_', ';', '€', '\n', '\u00a0'])
      expect([char, isEpcText(char)]).toEqual([char, false]);
  });
});

describe('names and remittance', () => {
  it('are cut to 70 and 140 characters after transliteration, without a trailing space', () => {
    const long =
      'Établissement public de coopération intercommunale de la Communauté d’agglomération de Lens-Liévin';
    expect(sepaName(long)).toBe(
      "Etablissement public de cooperation intercommunale de la Communaute d'",
    );
    expect(sepaName(long)).toHaveLength(70);
    expect(sepaName(`${'a'.repeat(69)} b`)).toBe('a'.repeat(69));
    expect(SEPA_NAME_MAX_LENGTH).toBe(70);
    const remittance = `Pass numérique — Lens-Liévin — 2026-11 — ${'é'.repeat(200)}`;
    expect(sepaRemittance(remittance)).toHaveLength(SEPA_REMITTANCE_MAX_LENGTH);
    expect(
      sepaRemittance(remittance).startsWith('Pass numerique - Lens-Lievin - 2026-11 - eee'),
    ).toBe(true);
    // Cutting counts characters as sent: "é" counts one, as "e".
    expect(epcText('é'.repeat(10), 5)).toBe('eeeee');
    expect(() => epcText('x', 0)).toThrow(RangeError);
  });

  it('never exceed their length, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (value) => {
        expect(sepaName(value).length).toBeLessThanOrEqual(70);
        expect(sepaRemittance(value).length).toBeLessThanOrEqual(140);
        expect(isEpcText(sepaRemittance(value))).toBe(true);
        expect(sepaRemittance(value)).toBe(sepaRemittance(value).trim());
      }),
    );
  });
});

describe('identifiers', () => {
  const batch = '3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b';
  const venue = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';

  it('end to end: 12 hex digits of the batch and 22 of the venue, 35 characters', () => {
    const id = sepaEndToEndId(batch, venue);
    expect(id).toBe('3f2a9c1e5b7d-a1b2c3d4e5f64a7b8c9d0e');
    expect(id).toHaveLength(35);
    expect(isSepaId(id)).toBe(true);
    expect(() => sepaEndToEndId('batch-1', venue)).toThrow(/batch id must be a UUID/);
    expect(() => sepaEndToEndId(batch, '12345678901234')).toThrow(/venue id must be a UUID/);
  });

  it('end to end: distinct for the venues of a batch', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uniqueArray(fc.uuid(), { maxLength: 50 }), (batchId, venueIds) => {
        const ids = venueIds.map((venueId) => sepaEndToEndId(batchId, venueId));
        expect(new Set(ids).size).toBe(venueIds.length);
        for (const id of ids) expect(isSepaId(id)).toBe(true);
      }),
    );
  });

  it('message: PN, the period and 24 hex digits of the batch, 35 characters', () => {
    expect(sepaMessageId(batch, '2026-11')).toBe('PN-2026-11-3f2a9c1e5b7d4e2f9a1b0c3d');
    expect(isSepaId(sepaMessageId(batch, '2026-11'))).toBe(true);
    expect(() => sepaMessageId(batch, '2026-1')).toThrow(/Not a period/);
  });

  it('follow the EPC rules: 1–35 characters of the set, no space, no leading / and no //', () => {
    for (const id of ['A', 'PN-2026-11-0001', "a+b?c:d(e)f.g,h'i/j", 'x'.repeat(35)]) {
      expect([id, isSepaId(id)]).toEqual([id, true]);
    }
    for (const id of ['', 'x'.repeat(36), 'a b', '/abc', 'a//b', 'é', 'a_b']) {
      expect([id, isSepaId(id)]).toEqual([id, false]);
    }
  });
});

describe('formatSepaAmount', () => {
  it('writes cents with two decimals, exactly', () => {
    expect(formatSepaAmount(0)).toBe('0.00');
    expect(formatSepaAmount(1)).toBe('0.01');
    expect(formatSepaAmount(1000)).toBe('10.00');
    expect(formatSepaAmount(123_456)).toBe('1234.56');
    expect(formatSepaAmount(99_999_999_999)).toBe('999999999.99');
    expect(formatSepaAmount(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('reads back as the same number of cents', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (cents) => {
        const written = formatSepaAmount(cents);
        expect(written).toMatch(/^\d+\.\d{2}$/);
        expect(BigInt(written.replace('.', ''))).toBe(BigInt(cents));
      }),
    );
  });

  it('refuses what is not a non-negative integer of cents', () => {
    for (const value of [-1, 1.5, Number.NaN, 2 ** 53]) {
      expect(() => formatSepaAmount(value)).toThrow(RangeError);
    }
  });
});
