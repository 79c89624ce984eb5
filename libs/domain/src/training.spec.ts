import { isTrainedAgent, TRAINING_TOPICS } from './training.js';

describe('trained agents', () => {
  it('counts an agent as trained after one training held on or before today', () => {
    expect(isTrainedAgent([], '2026-03-01')).toBe(false);
    expect(isTrainedAgent([{ date: '2026-02-28' }], '2026-03-01')).toBe(true);
    expect(isTrainedAgent([{ date: '2026-03-01' }], '2026-03-01')).toBe(true);
  });

  it('does not count a training dated after today', () => {
    expect(isTrainedAgent([{ date: '2026-03-02' }], '2026-03-01')).toBe(false);
    expect(isTrainedAgent([{ date: '2026-03-02' }, { date: '2025-12-01' }], '2026-03-01')).toBe(
      true,
    );
  });

  it('lists stable topic codes', () => {
    expect(TRAINING_TOPICS).toContain('DIAGNOSTIC');
    expect(new Set(TRAINING_TOPICS).size).toBe(TRAINING_TOPICS.length);
  });
});
