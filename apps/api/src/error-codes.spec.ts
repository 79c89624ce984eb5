import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_ERROR_CODES, httpStatusOf } from './error-codes.js';

describe('error codes', () => {
  it('maps every code to an error status', () => {
    for (const code of ALL_ERROR_CODES) {
      const status = httpStatusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('spells every code in UPPER_SNAKE and never twice', () => {
    for (const code of ALL_ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(new Set(ALL_ERROR_CODES).size).toBe(ALL_ERROR_CODES.length);
  });
});

describe('error codes in the admin', () => {
  it('has a French message for every code, so people never see a code or English detail', () => {
    const french = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../../admin/src/i18n/fr.ts'),
      'utf8',
    );
    const missing = ALL_ERROR_CODES.filter((code) => !new RegExp(`\\b${code}:`).test(french));
    expect(missing).toEqual([]);
  });
});
