import type { NewRedemption } from './redemptionData';

/**
 * The Idempotency-Key of a redemption attempt, kept in the tab's sessionStorage until the API
 * answers. A lost answer (network cut, reload, the phone locked mid-request) is retried with the
 * SAME key, so the API answers the redemption it already made instead of paying twice; changing
 * the request (other cheques, service, day…) makes a new attempt with a new key (the API refuses
 * one key for two bodies). Security codes are never stored: an attempt is recognised by what the
 * person sees (venue, cheque numbers, service, day, duration, participants), which is also what
 * the screen needs to take it up again after a reload.
 */
const STORAGE_KEY = 'carnet.redemptionAttempt';
/** The API keeps keys 24 h; an attempt older than this is forgotten (the history tells). */
const MAX_AGE_MS = 12 * 3_600_000;

/** A redemption request without its security codes. */
export interface AttemptedRequest {
  venueId: string;
  numbers: string[];
  service: NewRedemption['service'];
  serviceDate: string;
  durationMinutes: number;
  participants: number;
}

export interface RedemptionAttempt {
  key: string;
  request: AttemptedRequest;
  /** When it was first sent (ISO 8601). */
  sentAt: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What identifies an attempt: its request without the security codes. */
export function attemptedRequest(body: NewRedemption): AttemptedRequest {
  return {
    venueId: body.venueId,
    numbers: body.cheques.map((cheque) => cheque.number),
    service: body.service,
    serviceDate: body.serviceDate,
    durationMinutes: body.durationMinutes,
    participants: body.participants ?? 1,
  };
}

const fingerprintOf = (request: AttemptedRequest): string =>
  JSON.stringify([
    request.venueId,
    request.numbers,
    request.service,
    request.serviceDate,
    request.durationMinutes,
    request.participants,
  ]);

/** The attempt still waiting for an answer, if any (and not too old). */
export function unansweredAttempt(
  storage: Storage = sessionStorage,
  now = new Date(),
): RedemptionAttempt | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const attempt = JSON.parse(raw) as Partial<RedemptionAttempt>;
    if (
      typeof attempt.key === 'string' &&
      typeof attempt.sentAt === 'string' &&
      Array.isArray(attempt.request?.numbers) &&
      now.getTime() - new Date(attempt.sentAt).getTime() <= MAX_AGE_MS
    ) {
      return attempt as RedemptionAttempt;
    }
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
  const request = attemptedRequest(body);
  const pending = unansweredAttempt(storage, now);
  if (pending && fingerprintOf(pending.request) === fingerprintOf(request)) return pending.key;
  const attempt: RedemptionAttempt = { key: newKey(), request, sentAt: now.toISOString() };
  storage.setItem(STORAGE_KEY, JSON.stringify(attempt));
  return attempt.key;
}

/** The API answered (a redemption or a refusal): the attempt is over. */
export function attemptAnswered(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}
