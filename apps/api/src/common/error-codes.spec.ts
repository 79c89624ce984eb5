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
