/**
 * A prescription's hand-out and its undo: the rules both the API and the admin read (how long an
 * undo stays possible, and why it is refused), and how the serial printed on a carnet is typed.
 */

export const HAND_OUT_STATUSES = ['ACTIVE', 'UNDONE'] as const;
export type HandOutStatus = (typeof HAND_OUT_STATUSES)[number];

/** A hand-out may be undone by its structure this long after it was made. */
export const HAND_OUT_UNDO_HOURS = 24;

/** The last moment a hand-out made at `createdAt` may be undone. */
export function handOutUndoableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + HAND_OUT_UNDO_HOURS * 3_600_000);
}

export type HandOutUndoRefusal = 'ALREADY_UNDONE' | 'TOO_LATE' | 'CHEQUE_USED';

/**
 * Why a hand-out may not be undone, or null when it may: once undone it stays so; after 24 h the
 * person has left with the carnet; once a cheque is used, a venue is owed money for it.
 */
export function handOutUndoRefusal(
  handOut: { status: HandOutStatus; createdAt: Date },
  usedCheques: number,
  now: Date,
): HandOutUndoRefusal | null {
  if (handOut.status !== 'ACTIVE') return 'ALREADY_UNDONE';
  if (now.getTime() > handOutUndoableUntil(handOut.createdAt).getTime()) return 'TOO_LATE';
  if (usedCheques > 0) return 'CHEQUE_USED';
  return null;
}

/** The largest serial a carnet can have (a PostgreSQL integer). */
export const MAX_CARNET_SERIAL = 2_147_483_647;

/**
 * A carnet serial as an agent types it from the cover ("0000042", "00 00 042", "42"), or null
 * when it is not one: digits only once spaces, dots and dashes are dropped, 1 to 10 of them,
 * between 1 and MAX_CARNET_SERIAL.
 */
export function parseCarnetSerial(input: string): number | null {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{1,10}$/.test(digits)) return null;
  const serial = Number(digits);
  return serial >= 1 && serial <= MAX_CARNET_SERIAL ? serial : null;
}
