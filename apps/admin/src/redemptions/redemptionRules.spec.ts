import { describe, expect, it } from '@jest/globals';

import {
  formatDuration,
  isCancellable,
  monthInFrance,
  redemptionReference,
  todayInFrance,
  typedCheque,
} from './redemptionRules';

describe('a cheque typed by hand', () => {
  it('takes the number and the code as printed', () => {
    expect(typedCheque('0000 0000 0017', 'abcde-fghjk')).toEqual({
      number: '000000000017',
      securityCode: 'ABCDEFGHJK',
    });
  });

  it('waits until both are complete', () => {
    expect(typedCheque('0000 0000 001', 'ABCDEFGHJK')).toBeNull();
    expect(typedCheque('0000 0000 0017', 'ABCDE')).toBeNull();
    expect(typedCheque('0000 0000 0017', 'ABCDE-FGHJ!')).toBeNull();
  });
});

describe('durations', () => {
  it('read as a French speaker says them', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(90)).toBe('1 h 30');
    expect(formatDuration(125)).toBe('2 h 05');
  });
});

describe('days and months in France', () => {
  it('follow Paris time, not the browser’s', () => {
    // 23:30 UTC on 31 October is already 1 November in Paris (UTC+1).
    const instant = new Date('2026-10-31T23:30:00Z');
    expect(todayInFrance(instant)).toBe('2026-11-01');
    expect(monthInFrance(instant)).toBe('2026-11');
  });
});

describe('a redemption', () => {
  it('is quoted by a short reference', () => {
    expect(redemptionReference('3f1e2d4c-5b6a-4789-8abc-0123456789ab')).toBe('3F1E2D4C');
  });

  it('may be cancelled while standing, in no batch, within its 24 hours', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const standing = {
      status: 'ACTIVE',
      cancellableUntil: '2026-11-27T12:00:00Z',
      reimbursementBatchId: null,
    };
    expect(isCancellable(standing, now)).toBe(true);
    expect(isCancellable({ ...standing, status: 'CANCELLED' }, now)).toBe(false);
    expect(isCancellable({ ...standing, reimbursementBatchId: 'b' }, now)).toBe(false);
    expect(isCancellable({ ...standing, cancellableUntil: '2026-11-27T09:59:59Z' }, now)).toBe(
      false,
    );
  });
});
