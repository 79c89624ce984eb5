import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Cheque numbers and their states. A public number is 11 digits of sequence plus one Damm check
 * digit: the Damm algorithm catches every single-digit error and every transposition of adjacent
 * digits, so a typo at a venue's counter is refused before any lookup.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export const CHEQUE_SEQUENCE_DIGITS = 11;
export const CHEQUE_NUMBER_DIGITS = CHEQUE_SEQUENCE_DIGITS + 1;

/** The Damm check digit of a string of digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const char of digits) interim = DAMM[interim][Number(char)]!;
  return interim;
}

/** The public number of the n-th cheque (n ≥ 1): 11 digits of sequence, then the check digit. */
export function chequeNumber(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 10 ** CHEQUE_SEQUENCE_DIGITS) {
    throw new RangeError(`Cheque sequence out of range: ${sequence}`);
  }
  const body = String(sequence).padStart(CHEQUE_SEQUENCE_DIGITS, '0');
  return `${body}${dammDigit(body)}`;
}

/** Spaces, dots and dashes people type are ignored: "0000 0012 3457" reads as "000000123457". */
export function normaliseChequeNumber(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/** True for 12 digits whose check digit holds (already normalised). */
export function isValidChequeNumber(number: string): boolean {
  return new RegExp(`^\\d{${CHEQUE_NUMBER_DIGITS}}$`).test(number) && dammDigit(number) === 0;
}

/** "000000123457" → "0000 0012 3457", as printed on the cheque. */
export function formatChequeNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Security codes: Crockford base32 without I, L, O, U, so that 0/O and 1/I/L typed either way
 * read the same. 10 characters carry 50 bits of entropy (the floor asked is 40).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SECURITY_CODE_LENGTH = 10;

/** A security code from random bytes (at least SECURITY_CODE_LENGTH of them). */
export function securityCodeFrom(random: Uint8Array): string {
  if (random.length < SECURITY_CODE_LENGTH) throw new RangeError('Not enough random bytes');
  let code = '';
  for (let i = 0; i < SECURITY_CODE_LENGTH; i++) code += CROCKFORD[random[i] & 31];
  return code;
}

/** What a person typed, read the Crockford way: case, spaces and look-alike letters forgiven. */
export function normaliseSecurityCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const CHEQUE_STATUSES = [
  'ISSUED',
  'DISTRIBUTED',
  'REDEEMED',
  'IN_BATCH',
  'REIMBURSED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type ChequeStatus = (typeof CHEQUE_STATUSES)[number];

const NEXT: Readonly<Record<ChequeStatus, readonly ChequeStatus[]>> = {
  ISSUED: ['DISTRIBUTED', 'CANCELLED', 'EXPIRED'],
  DISTRIBUTED: ['REDEEMED', 'CANCELLED', 'EXPIRED', 'ISSUED'],
  REDEEMED: ['IN_BATCH', 'DISTRIBUTED'],
  IN_BATCH: ['REIMBURSED', 'REDEEMED'],
  REIMBURSED: [],
  CANCELLED: [],
  EXPIRED: [],
};

/**
 * Life of a cheque: ISSUED → DISTRIBUTED → REDEEMED → IN_BATCH → REIMBURSED, or CANCELLED /
 * EXPIRED while unused. Three ways back exist: a hand-out undone (DISTRIBUTED → ISSUED, the carnet
 * back in its structure's stock), a redemption cancelled (REDEEMED → DISTRIBUTED) and a cheque
 * taken out of a batch before approval or whose transfer the bank rejected (IN_BATCH → REDEEMED,
 * waiting for a later batch; see chequeStatusOfLine in reimbursement.ts).
 */
export function canMoveCheque(from: ChequeStatus, to: ChequeStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Throws when the state machine has no such move. Called at every status change, so that a bug
 * (or a race read too late) fails loudly instead of writing an impossible history.
 */
export function assertChequeMove(from: ChequeStatus, to: ChequeStatus): void {
  if (canMoveCheque(from, to)) return;
  const allowed = NEXT[from].length > 0 ? NEXT[from].join(', ') : 'none, it is final';
  throw new Error(`A cheque cannot move from ${from} to ${to} (from ${from}: ${allowed})`);
}

/**
 * Every status from which a cheque may move to `to`, in CHEQUE_STATUSES order: the WHERE of a
 * bulk UPDATE to `to`, so that it never takes a cheque the state machine keeps where it is.
 */
export function chequeStatusesMovableTo(to: ChequeStatus): ChequeStatus[] {
  return CHEQUE_STATUSES.filter((from) => canMoveCheque(from, to));
}

/** True for any of the seven statuses, e.g. to read a raw SQL row. */
export function isChequeStatus(value: unknown): value is ChequeStatus {
  return (CHEQUE_STATUSES as readonly unknown[]).includes(value);
}

/** Not spent yet: the statuses a cancellation or the expiry may still take. */
export const UNUSED_CHEQUE_STATUSES = [
  'ISSUED',
  'DISTRIBUTED',
] as const satisfies readonly ChequeStatus[];
export type UnusedChequeStatus = (typeof UNUSED_CHEQUE_STATUSES)[number];

/** Spent at a venue: redeemed, whether or not its venue is paid yet ("started" carnets). */
export const USED_CHEQUE_STATUSES = [
  'REDEEMED',
  'IN_BATCH',
  'REIMBURSED',
] as const satisfies readonly ChequeStatus[];
export type UsedChequeStatus = (typeof USED_CHEQUE_STATUSES)[number];

export function isUsedCheque(status: ChequeStatus): status is UsedChequeStatus {
  return (USED_CHEQUE_STATUSES as readonly ChequeStatus[]).includes(status);
}

/**
 * What is stored of a security code: HMAC-SHA-256 under a server key, bound to the cheque number
 * so that one code copied onto another cheque does not match. Without the key, the stored hashes
 * tell nothing about the codes (50 bits cannot be searched through a keyed hash).
 */
export function securityCodeHash(key: Uint8Array, number: string, code: string): Buffer {
  return createHmac('sha256', key)
    .update(`${number}:${normaliseSecurityCode(code)}`)
    .digest();
}

/** Constant-time comparison of a typed code with the stored hash. */
export function securityCodeMatches(
  key: Uint8Array,
  number: string,
  code: string,
  storedHash: Uint8Array,
): boolean {
  const candidate = securityCodeHash(key, number, code);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}

/** "ABCDEFGHJK" → "ABCDE-FGHJK", as printed. */
export function formatSecurityCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The QR code printed on each cheque: `PN1:<12-digit number>:<10-character code>`. Only
 * upper-case letters, digits and ':' are used, so the QR code stays in alphanumeric mode (small
 * and robust); `PN1` names the format version so that a later one can be told apart.
 */
export const QR_PAYLOAD_PREFIX = 'PN1';

export function qrPayload(number: string, code: string): string {
  return `${QR_PAYLOAD_PREFIX}:${number}:${code}`;
}

/** The number and code of a scanned payload, or null when it is not a valid `PN1` payload. */
export function parseQrPayload(payload: string): { number: string; securityCode: string } | null {
  const match = /^PN1:(\d{12}):([0-9A-Z]{10})$/.exec(payload.trim());
  if (!match || !isValidChequeNumber(match[1])) return null;
  return { number: match[1], securityCode: match[2] };
}

/** Why a cheque or a carnet is cancelled; a reason is always required. */
export const CANCELLATION_REASONS = ['LOST', 'STOLEN', 'DAMAGED', 'WITHDRAWN'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** Unused cheques: the ones a cancellation or the expiry may still take. */
export function isUnusedCheque(status: ChequeStatus): status is UnusedChequeStatus {
  return status === 'ISSUED' || status === 'DISTRIBUTED';
}

/**
 * The expiry's cutoff on `today`: an unused cheque valid until a day before it is expired (valid
 * until + grace < today ⇔ valid until < today − grace), so the query compares the column itself
 * to a constant and an index on it can answer.
 */
export function expiryCutoff(today: string, graceDays: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - graceDays);
  return date.toISOString().slice(0, 10);
}

/** The last day a cheque may still be redeemed, and the first day it is expired. */
export function expiresOn(validUntil: string, graceDays: number): string {
  const date = new Date(`${validUntil}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + graceDays + 1);
  return date.toISOString().slice(0, 10);
}
