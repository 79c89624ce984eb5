/** Thrown by ConcurrencyLimiter.run when every slot is busy and the waiting line is full. */
export class ConcurrencyLimitReached extends Error {
  constructor() {
    super('Concurrency limit reached and waiting line full');
    this.name = 'ConcurrencyLimitReached';
  }
}

/**
 * Runs at most `concurrency` tasks at once; up to `queueLimit` more wait their turn in order, and
 * any beyond that are refused at once (ConcurrencyLimitReached) instead of piling up.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {
    if (concurrency < 1) throw new Error('concurrency must be at least 1');
    if (queueLimit < 0) throw new Error('queueLimit must not be negative');
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) {
      this.active += 1;
    } else if (this.waiting.length < this.queueLimit) {
      // The slot is handed over by release(): `active` already counts this task when it resumes.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new ConcurrencyLimitReached();
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
