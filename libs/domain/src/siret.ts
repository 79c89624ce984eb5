/** La Poste's SIREN: INSEE numbers its establishments outside the Luhn scheme. */
export const LA_POSTE_SIREN = '356000000';

/**
 * Removes the spaces people type or copy (`732 829 320 00074`); `\s` also covers the no-break
 * spaces that French formatting and spreadsheets insert. Anything else is kept, so that a wrong
 * character still fails validation instead of being silently dropped.
 */
export function normaliseSiret(s: string): string {
  return s.replace(/\s/g, '');
}

/** 9 digits whose Luhn checksum holds. Expects a normalised string (see normaliseSiret). */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnHolds(s);
}

/**
 * 14 digits (SIREN + 5-digit NIC) whose SIREN is valid and whose Luhn checksum holds.
 *
 * La Poste has more establishments than the Luhn scheme leaves numbers for, so INSEE validates
 * its SIRETs by another rule: the sum of the digits is a multiple of 5. Its head office
 * (35600000000048) is an ordinary Luhn number, hence either rule is accepted for that SIREN.
 * Expects a normalised string (see normaliseSiret).
 */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s) || !isValidSiren(s.slice(0, 9))) return false;
  if (luhnHolds(s)) return true;
  return s.startsWith(LA_POSTE_SIREN) && digitSum(s) % 5 === 0;
}

function luhnHolds(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Every second digit from the right is doubled; a two-digit result counts as its digit sum.
    const doubled = (digits.length - i) % 2 === 0;
    const digit = Number(digits[i]) * (doubled ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const digit of digits) sum += Number(digit);
  return sum;
}
