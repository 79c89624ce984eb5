import { describe, expect, it } from '@jest/globals';

import {
  creationAnswered,
  creationKey,
  executionDateRange,
  existingBatchId,
  finishedPeriods,
  formatBytes,
  isBusinessDay,
  isFinalRefusal,
  nextBusinessDay,
  shiftPeriod,
  statusReportGroups,
} from './batchRules';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe('periods', () => {
  it('shift across years', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2027-01', -1)).toBe('2026-12');
    expect(shiftPeriod('2026-11', -13)).toBe('2025-10');
  });

  it('offer the months over in France, newest first, from the programme start', () => {
    // 1 December 00:30 in Paris is still 30 November in UTC: November is over.
    const now = new Date('2026-11-30T23:30:00Z');
    expect(finishedPeriods('2026-09-15', 24, now)).toEqual(['2026-11', '2026-10', '2026-09']);
    // 30 November 23:30 in Paris: November is not over.
    expect(finishedPeriods('2026-09-15', 24, new Date('2026-11-30T22:30:00Z'))).toEqual([
      '2026-10',
      '2026-09',
    ]);
    expect(finishedPeriods(null, 3, now)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(finishedPeriods('2026-12-01', 24, now)).toEqual([]);
  });
});

describe('execution dates', () => {
  it('skip weekends and TARGET2 closing days', () => {
    expect(nextBusinessDay('2026-11-27')).toBe('2026-11-30'); // Friday → Monday
    expect(nextBusinessDay('2026-12-24')).toBe('2026-12-28'); // Christmas, 26th a Saturday
    expect(nextBusinessDay('2026-12-31')).toBe('2027-01-04'); // New Year, then a weekend
    // Easter 2027 is 28 March: Good Friday the 26th, Easter Monday the 29th.
    expect(isBusinessDay('2027-03-26')).toBe(false);
    expect(isBusinessDay('2027-03-29')).toBe(false);
    expect(nextBusinessDay('2027-03-25')).toBe('2027-03-30');
    // 14 July is a French holiday but a settlement day.
    expect(isBusinessDay('2027-07-14')).toBe(true);
    expect(nextBusinessDay('2027-04-30')).toBe('2027-05-03');
  });

  it('range from today to 90 days later in France', () => {
    expect(executionDateRange(new Date('2026-11-30T23:30:00Z'))).toEqual([
      '2026-12-01',
      '2027-03-01',
    ]);
  });
});

describe('the Idempotency-Key of a batch creation', () => {
  const now = new Date('2026-12-02T09:00:00Z');
  let counter = 0;
  const newKey = () => `key-${++counter}`;
  const request = { programmeId: 'p1', period: '2026-11' };

  it('is the same for the same programme and month until the API answers', () => {
    const storage = new MemoryStorage();
    const first = creationKey(request, storage, now, newKey);
    expect(creationKey({ ...request }, storage, now, newKey)).toBe(first);
    creationAnswered(storage);
    expect(creationKey(request, storage, now, newKey)).not.toBe(first);
  });

  it('changes with the month or the programme, and after 12 hours', () => {
    const storage = new MemoryStorage();
    const first = creationKey(request, storage, now, newKey);
    const other = creationKey({ ...request, period: '2026-10' }, storage, now, newKey);
    expect(other).not.toBe(first);
    expect(
      creationKey({ ...request, programmeId: 'p2', period: '2026-10' }, storage, now, newKey),
    ).not.toBe(other);
    const later = new Date(now.getTime() + 13 * 3_600_000);
    const again = creationKey(request, storage, now, newKey);
    expect(creationKey(request, storage, later, newKey)).not.toBe(again);
  });

  it('is kept after no answer, a server error or a key still in use', () => {
    expect(isFinalRefusal(409, 'BATCH_ALREADY_EXISTS')).toBe(true);
    expect(isFinalRefusal(422, 'PERIOD_NOT_OVER')).toBe(true);
    expect(isFinalRefusal(undefined, undefined)).toBe(false);
    expect(isFinalRefusal(502, undefined)).toBe(false);
    expect(isFinalRefusal(429, 'TOO_MANY_REQUESTS')).toBe(false);
    expect(isFinalRefusal(409, 'IDEMPOTENCY_KEY_IN_USE')).toBe(false);
  });

  it('forgets what it cannot read', () => {
    const storage = new MemoryStorage();
    storage.setItem('carnet.batchCreationAttempt', '{not json');
    expect(creationKey(request, storage, now, () => 'fresh')).toBe('fresh');
  });
});

describe('an existing batch', () => {
  it('is named by its id in the refusal', () => {
    expect(
      existingBatchId(
        'A batch already exists for this programme and period: 0b8e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      ),
    ).toBe('0b8e4f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(existingBatchId('no id here')).toBeUndefined();
    expect(existingBatchId(undefined)).toBeUndefined();
  });
});

describe('file sizes', () => {
  it('read in French units', () => {
    expect(formatBytes(1)).toBe('1 octet');
    expect(formatBytes(812)).toBe('812 octets');
    expect(formatBytes(12_345)).toBe('12,3 ko');
    expect(formatBytes(4_500_000)).toBe('4,5 Mo');
  });
});

describe('status report summary', () => {
  const venues = new Map([
    ['l1', 'Médiathèque Robert Cousin'],
    ['l2', 'Espace numérique de Liévin'],
    ['l3', 'Centre social Vachala'],
  ]);

  it('groups what the report did, paid first, by venue, empty groups left out', () => {
    const groups = statusReportGroups(
      {
        paid: [{ lineId: 'l1', endToEndId: 'e1', paidOn: '2026-12-08' }],
        rejected: [{ lineId: 'l2', endToEndId: 'e2', reason: 'compte du bénéficiaire clos' }],
        pending: [],
        skipped: [{ lineId: 'l3', endToEndId: 'e3', status: 'PAID' }],
        unknown: [{ endToEndId: 'x9', status: 'ACSC' }],
      },
      venues,
    );
    expect(groups).toEqual([
      {
        kind: 'paid',
        items: [
          { key: 'l1', venue: 'Médiathèque Robert Cousin', endToEndId: 'e1', detail: '2026-12-08' },
        ],
      },
      {
        kind: 'rejected',
        items: [
          {
            key: 'l2',
            venue: 'Espace numérique de Liévin',
            endToEndId: 'e2',
            detail: 'compte du bénéficiaire clos',
          },
        ],
      },
      {
        kind: 'skipped',
        items: [{ key: 'l3', venue: 'Centre social Vachala', endToEndId: 'e3', detail: 'PAID' }],
      },
      {
        kind: 'unknown',
        items: [{ key: 'unknown-x9', venue: null, endToEndId: 'x9', detail: null }],
      },
    ]);
  });

  it("hides the bank's code of a pending transfer, and names a line it cannot name by its id", () => {
    const [pending] = statusReportGroups(
      {
        paid: [],
        rejected: [],
        pending: [{ lineId: 'l4', endToEndId: 'e4', status: 'PDNG' }],
        skipped: [],
        unknown: [],
      },
      venues,
    );
    expect(pending).toEqual({
      kind: 'pending',
      items: [{ key: 'l4', venue: null, endToEndId: 'e4', detail: null }],
    });
  });

  it('is empty for a report that names no transfer', () => {
    expect(
      statusReportGroups({ paid: [], rejected: [], pending: [], skipped: [], unknown: [] }, venues),
    ).toEqual([]);
  });
});
