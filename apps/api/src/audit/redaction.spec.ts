import { maskIban, maskIbansIn, REDACTED, redactForAudit } from './redaction.js';

const IBAN = 'FR7615135621000400000000092';

describe('audit redaction', () => {
  it('masks an IBAN as the bank-account screens do: country, check digits, last 4', () => {
    expect(maskIban(IBAN)).toBe(`FR76${'•'.repeat(19)}0092`);
    expect(maskIban(maskIban(IBAN))).toBe(maskIban(IBAN));
  });

  it('masks valid IBANs anywhere in a text, compact or in groups, and nothing else', () => {
    expect(maskIbansIn(`nouveau RIB ${IBAN}.`)).toBe(`nouveau RIB ${maskIban(IBAN)}.`);
    expect(maskIbansIn('virement FR76 1513 5621 0004 0000 0000 092 OK')).toBe(
      `virement ${maskIban(IBAN)} OK`,
    );
    expect(maskIbansIn('FR76 1513 5621 0004 0000 0000 093')).toBe(
      'FR76 1513 5621 0004 0000 0000 093',
    );
    expect(maskIbansIn('ab12cdef-1234-4a5b-9c8d-0123456789ab')).toBe(
      'ab12cdef-1234-4a5b-9c8d-0123456789ab',
    );
  });

  it('masks `iban` keys and nested values, redacts secrets, keeps holder, BIC and e-mails', () => {
    const entry = {
      venueId: 'v1',
      holderName: 'ATELIER NUMERIQUE',
      iban: IBAN,
      bic: 'CEPAFRPP627',
      previous: [{ iban: 'FR76 3000 6000 0112 3456 7890 189' }],
      email: 'finance@demo.carnet.fr',
      passwordHash: '$argon2id$v=19$…',
      clientSecret: 's3cr3t',
      securityCode: 'K7QF2M9XPA',
      passwordChanged: true,
      comment: `IBAN ${IBAN}`,
    };
    expect(redactForAudit(entry)).toEqual({
      venueId: 'v1',
      holderName: 'ATELIER NUMERIQUE',
      iban: maskIban(IBAN),
      bic: 'CEPAFRPP627',
      previous: [{ iban: maskIban('FR7630006000011234567890189') }],
      email: 'finance@demo.carnet.fr',
      passwordHash: REDACTED,
      clientSecret: REDACTED,
      securityCode: REDACTED,
      passwordChanged: true,
      comment: `IBAN ${maskIban(IBAN)}`,
    });
    expect(redactForAudit(null)).toBeNull();
  });
});
