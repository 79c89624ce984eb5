import { ConcurrencyLimiter, ConcurrencyLimitReached } from './concurrency-limiter.js';

/** A task that finishes when told to, recording how many ran at the same time. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('runs at most `concurrency` tasks at once and the waiting ones in order', async () => {
    const limiter = new ConcurrencyLimiter(2, 10);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const all = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await g.promise;
        running -= 1;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.queued).toBe(3);
    gates[1].open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.running).toBe(0);
  });

  it('refuses at once what does not fit in the waiting line', async () => {
    const limiter = new ConcurrencyLimiter(1, 2);
    const g = gate();
    const accepted = [1, 2, 3].map(() => limiter.run(() => g.promise));
    await expect(limiter.run(() => Promise.resolve())).rejects.toBeInstanceOf(
      ConcurrencyLimitReached,
    );
    g.open();
    await Promise.all(accepted);
    // Room again once the line has drained.
    await expect(limiter.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve(42))).resolves.toBe(42);
    expect(limiter.running).toBe(0);
  });
});
