import { describe, expect, it } from '@jest/globals';

import { attemptAnswered, attemptKey, attemptedRequest, unansweredAttempt } from './intent';
import type { NewRedemption } from './redemptionData';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const body: NewRedemption = {
  venueId: '3f1e2d4c-5b6a-4789-8abc-0123456789ab',
  cheques: [
    { number: '000000000017', securityCode: 'ABCDEFGHJK' },
    { number: '000000000025', securityCode: 'KMNPQRSTVW' },
  ],
  service: 'Aide aux démarches administratives',
  serviceDate: '2026-11-27',
  durationMinutes: 90,
  participants: 1,
};
const now = new Date('2026-11-27T10:00:00Z');
let counter = 0;
const newKey = () => `key-${++counter}`;

describe('the Idempotency-Key of a redemption attempt', () => {
  it('is the same for the same request until the API answers, then a new one', () => {
    const storage = new MemoryStorage();
    const first = attemptKey(body, storage, now, newKey);
    // A lost answer, the page reloaded, the same cheques presented again: the same key.
    expect(attemptKey({ ...body }, storage, new Date(now.getTime() + 60_000), newKey)).toBe(first);
    attemptAnswered(storage);
    expect(attemptKey(body, storage, now, newKey)).not.toBe(first);
  });

  it('changes with the request: another service, day or cheque is another attempt', () => {
    const storage = new MemoryStorage();
    const first = attemptKey(body, storage, now, newKey);
    expect(
      attemptKey({ ...body, service: 'Utilisation sécurisée du numérique' }, storage, now, newKey),
    ).not.toBe(first);
    const second = attemptKey({ ...body, cheques: body.cheques.slice(0, 1) }, storage, now, newKey);
    expect(attemptKey({ ...body, cheques: body.cheques.slice(0, 1) }, storage, now, newKey)).toBe(
      second,
    );
  });

  it('never stores a security code', () => {
    const storage = new MemoryStorage();
    attemptKey(body, storage, now, newKey);
    const stored = [...storage.items.values()].join();
    expect(stored).not.toContain('ABCDEFGHJK');
    expect(stored).not.toContain('KMNPQRSTVW');
    expect(JSON.stringify(attemptedRequest(body))).not.toMatch(/ABCDE|KMNPQ/);
  });

  it('forgets an attempt after 12 hours', () => {
    const storage = new MemoryStorage();
    attemptKey(body, storage, now, newKey);
    expect(unansweredAttempt(storage, new Date(now.getTime() + 11 * 3_600_000))).not.toBeNull();
    expect(unansweredAttempt(storage, new Date(now.getTime() + 13 * 3_600_000))).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('treats participants left out as one', () => {
    const storage = new MemoryStorage();
    const { participants: _omitted, ...without } = body;
    expect(attemptKey(without, storage, now, newKey)).toBe(attemptKey(body, storage, now, newKey));
  });

  it('remembers what the screen needs to take the attempt up again', () => {
    const storage = new MemoryStorage();
    attemptKey(body, storage, now, newKey);
    expect(unansweredAttempt(storage, now)?.request).toEqual({
      venueId: body.venueId,
      numbers: ['000000000017', '000000000025'],
      service: body.service,
      serviceDate: body.serviceDate,
      durationMinutes: 90,
      participants: 1,
    });
  });

  it('forgets what it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('carnet.redemptionAttempt', '{"key":"k","fingerprint":"[]"}');
    expect(unansweredAttempt(storage, now)).toBeNull();
    storage.setItem('carnet.redemptionAttempt', 'not json');
    expect(unansweredAttempt(storage, now)).toBeNull();
  });
});
