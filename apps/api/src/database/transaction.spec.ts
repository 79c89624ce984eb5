import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { isRetryableTransactionError, retryDelayMs, runInTransaction } from './transaction.js';

/** A PostgreSQL error as TypeORM throws it. */
function pgError(code: string): QueryFailedError {
  const driverError = Object.assign(new Error(`failure ${code}`), { code });
  return new QueryFailedError('UPDATE …', [], driverError);
}

/**
 * A data source whose transactions fail with the given errors, in turn, before running `work`
 * normally. It records the isolation level each transaction asked for.
 */
class FakeDataSource implements Pick<DataSource, 'transaction'> {
  readonly isolations: (string | undefined)[] = [];
  readonly manager = {} as EntityManager;

  constructor(private readonly failures: Error[] = []) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  transaction<T>(isolation: string, work: (manager: EntityManager) => Promise<T>): Promise<T>;
  async transaction<T>(
    first: string | ((manager: EntityManager) => Promise<T>),
    second?: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    this.isolations.push(typeof first === 'string' ? first : undefined);
    const work = typeof first === 'string' ? second! : first;
    const result = await work(this.manager);
    // As PostgreSQL does: the collision can come at any statement, COMMIT included.
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    return result;
  }
}

describe('runInTransaction', () => {
  it('runs the work once in a transaction and answers its result', async () => {
    const source = new FakeDataSource();
    const seen: EntityManager[] = [];
    const result = await runInTransaction(source, (manager) => {
      seen.push(manager);
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen).toEqual([source.manager]);
    expect(source.isolations).toEqual([undefined]);
  });

  it('asks for the isolation level given, on every attempt', async () => {
    const source = new FakeDataSource([pgError('40001')]);
    await runInTransaction(source, () => Promise.resolve(), { isolation: 'SERIALIZABLE' });
    expect(source.isolations).toEqual(['SERIALIZABLE', 'SERIALIZABLE']);
  });

  it.each(['40001', '40P01'])('runs the work again after a %s', async (code) => {
    const source = new FakeDataSource([pgError(code), pgError(code)]);
    let runs = 0;
    const result = await runInTransaction(source, () => Promise.resolve(++runs));
    expect(result).toBe(3);
    expect(source.isolations).toHaveLength(3);
  });

  it('gives up after `retries` retries with the last collision', async () => {
    const last = pgError('40P01');
    const source = new FakeDataSource([pgError('40001'), pgError('40P01'), pgError('40001'), last]);
    await expect(runInTransaction(source, () => Promise.resolve())).rejects.toBe(last);
    expect(source.isolations).toHaveLength(4);

    const once = new FakeDataSource([pgError('40001'), pgError('40001')]);
    await expect(runInTransaction(once, () => Promise.resolve(), { retries: 1 })).rejects.toThrow(
      'failure 40001',
    );
    expect(once.isolations).toHaveLength(2);
  });

  it('never retries with retries: 0', async () => {
    const source = new FakeDataSource([pgError('40P01')]);
    await expect(runInTransaction(source, () => Promise.resolve(), { retries: 0 })).rejects.toThrow(
      QueryFailedError,
    );
    expect(source.isolations).toHaveLength(1);
  });

  it('lets any other error through at once', async () => {
    for (const error of [
      pgError('23505'),
      pgError('55P03'), // lock_not_available (NOWAIT): the caller decides
      pgError('57014'), // statement timeout
      new Error('a rule refused it'),
    ]) {
      const source = new FakeDataSource([error]);
      await expect(runInTransaction(source, () => Promise.resolve())).rejects.toBe(error);
      expect(source.isolations).toHaveLength(1);
    }
  });

  it("lets the work's own errors through at once", async () => {
    const source = new FakeDataSource();
    const refused = new Error('CHEQUE_ALREADY_REDEEMED');
    await expect(runInTransaction(source, () => Promise.reject(refused))).rejects.toBe(refused);
    expect(source.isolations).toHaveLength(1);
  });

  it('refuses a negative or fractional number of retries', async () => {
    const source = new FakeDataSource();
    for (const retries of [-1, 1.5, Number.NaN]) {
      await expect(runInTransaction(source, () => Promise.resolve(), { retries })).rejects.toThrow(
        RangeError,
      );
    }
    expect(source.isolations).toHaveLength(0);
  });
});

describe('isRetryableTransactionError', () => {
  it("reads the SQLSTATE of TypeORM's errors and of the driver's own", () => {
    expect(isRetryableTransactionError(pgError('40001'))).toBe(true);
    expect(isRetryableTransactionError(pgError('40P01'))).toBe(true);
    expect(isRetryableTransactionError(Object.assign(new Error(), { code: '40P01' }))).toBe(true);
    expect(isRetryableTransactionError(pgError('40002'))).toBe(false);
    expect(isRetryableTransactionError(pgError('23505'))).toBe(false);
    expect(isRetryableTransactionError(Object.assign(new Error(), { code: 40001 }))).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
    expect(isRetryableTransactionError('40001')).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('waits a random time below a ceiling that doubles with each retry', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, () => 0))).toEqual([0, 0, 0, 0]);
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, () => 0.999_999))).toEqual([
      19, 39, 79, 159,
    ]);
    expect(retryDelayMs(2, () => 0.5)).toBe(20);
  });

  it('never waits more than a second', () => {
    expect(retryDelayMs(30, () => 0.999_999)).toBe(999);
  });
});
