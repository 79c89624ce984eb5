import { nearestRank, per1000, periodsBetween, ratio } from './figures.js';

describe('report figures', () => {
  it('gives ratios to four decimals, null without a whole', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 10)).toBe(0);
    expect(ratio(10, 10)).toBe(1);
    expect(ratio(3, 0)).toBeNull();
  });

  it('gives rates per 1,000 inhabitants to two decimals, null without a population', () => {
    expect(per1000(12, 31_000)).toBe(0.39);
    expect(per1000(1, 3)).toBe(333.33);
    expect(per1000(5, 0)).toBeNull();
    expect(per1000(5, null)).toBeNull();
  });

  it('takes the nearest-rank percentile of a histogram', () => {
    // 1, 2, 2, 3, 10: median is the 3rd value (2), p90 the 5th (10).
    const bars = [
      { value: 10, count: 1 },
      { value: 2, count: 2 },
      { value: 1, count: 1 },
      { value: 3, count: 1 },
    ];
    expect(nearestRank(bars, 0.5)).toBe(2);
    expect(nearestRank(bars, 0.9)).toBe(10);
    expect(nearestRank(bars, 0.2)).toBe(1);
    // Four values: the median is the 2nd (the lower middle one).
    expect(
      nearestRank(
        [
          { value: 4, count: 2 },
          { value: 8, count: 2 },
        ],
        0.5,
      ),
    ).toBe(4);
    expect(nearestRank([], 0.5)).toBeNull();
    expect(nearestRank([{ value: 3, count: 0 }], 0.5)).toBeNull();
    // 20 observations: p90 is the 18th.
    const twenty = Array.from({ length: 20 }, (_, i) => ({ value: i, count: 1 }));
    expect(nearestRank(twenty, 0.9)).toBe(17);
  });

  it('lists every month between two, across years', () => {
    expect(periodsBetween('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(periodsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(periodsBetween('2026-06', '2026-05')).toEqual([]);
  });
});
