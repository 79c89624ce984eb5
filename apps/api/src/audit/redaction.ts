import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/**
 * What the audit log never holds, whoever reads it: it is append-only, so what is written stays.
 *
 * - IBANs are masked (country, check digits and the last 4 characters): the log tells that bank
 *   details changed and which account it was, the bank-account screens show the full IBAN to the
 *   finance officers who verify it. Any valid IBAN found in any string is masked, whatever the
 *   key, so a free-text comment does not leak one either.
 * - Secrets are replaced by `[redacted]`: passwords and their hashes, client secrets, cheque
 *   security codes and their hashes, tokens.
 *
 * Kept on purpose: staff e-mails and names (who did what is the log's purpose), the account
 * holder's name and the BIC (they identify the bank and the payee, not the account), structures'
 * contact details (public, or readable by the same roles on the record itself).
 */
export const REDACTED = '[redacted]';

/** Keys whose value is a secret, compared case-insensitively. */
const SECRET_KEYS = new Set(
  [
    'password',
    'passwordHash',
    'secret',
    'secretHash',
    'clientSecret',
    'securityCode',
    'securityHash',
    'token',
    'tokenHash',
    'accessToken',
    'refreshToken',
  ].map((k) => k.toLowerCase()),
);

/** "FR7615135621000400000000092" → "FR76•••••••••••••••••••0092" (as the bank-account screens show it). */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s/g, '');
  if (compact.length <= 8) return '•'.repeat(compact.length);
  return `${compact.slice(0, 4)}${'•'.repeat(compact.length - 8)}${compact.slice(-4)}`;
}

// Two letters, two digits, then up to 8 groups of letters/digits, optionally space-separated.
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,9}\b/gi;

/** Masks every valid IBAN in a text (written compact or in groups of four). */
export function maskIbansIn(text: string): string {
  return text.replace(IBAN_CANDIDATE, (candidate) => {
    // The match may run into the next word ("… 092 FOO"): try shorter runs of groups.
    const groups = candidate.split(' ');
    for (let n = groups.length; n >= 1; n--) {
      const head = groups.slice(0, n).join(' ');
      const iban = electronicFormatIBAN(head) ?? '';
      if (isValidIBAN(iban)) {
        const rest = groups.slice(n).join(' ');
        return rest ? `${maskIban(iban)} ${rest}` : maskIban(iban);
      }
    }
    return candidate;
  });
}

/** A copy of a JSON value (as stored in `before`/`after`) without secrets or full IBANs. */
export function redactForAudit(value: unknown): unknown {
  if (typeof value === 'string') return maskIbansIn(value);
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [
        key,
        SECRET_KEYS.has(key.toLowerCase()) && v !== null && v !== undefined
          ? REDACTED
          : key.toLowerCase() === 'iban' && typeof v === 'string'
            ? maskIban(v)
            : redactForAudit(v),
      ]),
    );
  }
  return value;
}
