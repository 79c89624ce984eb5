import type { NewRedemption } from './redemptionData';

/**
 * The Idempotency-Key of a redemption attempt, kept in the tab's sessionStorage until the API
 * answers. A lost answer (network cut, reload, the phone locked mid-request) is retried with the
 * SAME key, so the API answers the redemption it already made instead of paying twice; changing
 * the request (other cheques, service, day…) makes a new attempt with a new key (the API refuses
 * one key for two bodies). Security codes are never stored: an attempt is recognised by what the
 * person sees (venue, cheque numbers, service, day, duration, participants).
 */
const STORAGE_KEY = 'carnet.redemptionAttempt';
/** The API keeps keys 24 h; an attempt older than this is forgotten (the history tells). */
const MAX_AGE_MS = 12 * 3_600_000;

export interface RedemptionAttempt {
  key: string;
  fingerprint: string;
  /** When it was first sent (ISO 8601). */
  sentAt: string;
  chequeCount: number;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What identifies an attempt, without its security codes. */
export function fingerprintOf(body: NewRedemption): string {
  return JSON.stringify([
    body.venueId,
    body.cheques.map((cheque) => cheque.number),
    body.service,
    body.serviceDate,
    body.durationMinutes,
    body.participants ?? 1,
  ]);
}

/** The attempt still waiting for an answer, if any (and not too old). */
export function unansweredAttempt(
  storage: Storage = sessionStorage,
  now = new Date(),
): RedemptionAttempt | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const attempt = JSON.parse(raw) as RedemptionAttempt;
    if (now.getTime() - new Date(attempt.sentAt).getTime() <= MAX_AGE_MS) return attempt;
  } catch {
    // Not ours, or from an older version: forgotten below.
  }
  storage.removeItem(STORAGE_KEY);
  return null;
}

/**
 * The key to send `body` with: the unanswered attempt's when it is the same request, else a new
 * one, stored before the request leaves.
 */
export function attemptKey(
  body: NewRedemption,
  storage: Storage = sessionStorage,
  now = new Date(),
  newKey: () => string = () => crypto.randomUUID(),
): string {
  const fingerprint = fingerprintOf(body);
  const pending = unansweredAttempt(storage, now);
  if (pending?.fingerprint === fingerprint) return pending.key;
  const attempt: RedemptionAttempt = {
    key: newKey(),
    fingerprint,
    sentAt: now.toISOString(),
    chequeCount: body.cheques.length,
  };
  storage.setItem(STORAGE_KEY, JSON.stringify(attempt));
  return attempt.key;
}

/** The API answered (a redemption or a refusal): the attempt is over. */
export function attemptAnswered(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}
