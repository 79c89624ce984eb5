import type { DataSource, EntityManager } from 'typeorm';
import { runInTransaction, type TransactionOptions } from '#src/database/transaction.js';
import { createTestDatabase, openDataSource, type TestDatabase } from './utils.js';

/** Resolves once `parties` callers arrived; later arrivals (a retry) pass straight through. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

function sqlStateOf(reason: unknown): unknown {
  return (reason as { driverError?: { code?: unknown } }).driverError?.code;
}

describe('runInTransaction (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database.url);
    await dataSource.query(`CREATE TABLE tx_probe (id int PRIMARY KEY, n int NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  beforeEach(async () => {
    await dataSource.query(`DELETE FROM tx_probe`);
    await dataSource.query(`INSERT INTO tx_probe (id, n) VALUES (1, 0), (2, 0)`);
  });

  const counts = async () =>
    (await dataSource.query<{ n: number }[]>(`SELECT n FROM tx_probe ORDER BY id`)).map((r) => r.n);

  /**
   * Two transactions lock rows 1 and 2 in opposite orders, each waiting until the other holds
   * its first row: PostgreSQL detects the deadlock (after deadlock_timeout, 1 s by default) and
   * aborts one of them with 40P01.
   */
  async function deadlock(options: TransactionOptions) {
    const bothHoldTheirFirstRow = barrier(2);
    const attempts = { a: 0, b: 0 };
    const bump = (manager: EntityManager, id: number) =>
      manager.query(`UPDATE tx_probe SET n = n + 1 WHERE id = $1`, [id]);
    const run = (name: 'a' | 'b', first: number, second: number) =>
      runInTransaction(
        dataSource,
        async (manager) => {
          attempts[name]++;
          await bump(manager, first);
          await bothHoldTheirFirstRow();
          await bump(manager, second);
          return name;
        },
        options,
      );
    const results = await Promise.allSettled([run('a', 1, 2), run('b', 2, 1)]);
    return { results, attempts };
  }

  it('provokes a real deadlock: without retries, one of the two fails with 40P01', async () => {
    const { results, attempts } = await deadlock({ retries: 0 });
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(sqlStateOf(failed[0].reason)).toBe('40P01');
    expect(attempts).toEqual({ a: 1, b: 1 });
    // The winner's two updates only: the loser's first one was rolled back.
    expect(await counts()).toEqual([1, 1]);
  });

  it('runs the deadlock loser again, and both finish', async () => {
    const { results, attempts } = await deadlock({});
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'fulfilled', value: 'b' },
    ]);
    expect([attempts.a, attempts.b].sort((x, y) => x - y)).toEqual([1, 2]);
    // Each transaction bumped each row once, and the aborted attempt left nothing behind.
    expect(await counts()).toEqual([2, 2]);
  });

  it('runs again a REPEATABLE READ transaction that lost a concurrent update (40001)', async () => {
    const bothRead = barrier(2);
    let runs = 0;
    // Read, then write what was read plus one: at READ COMMITTED one increment would be lost.
    const increment = () =>
      runInTransaction(
        dataSource,
        async (manager) => {
          runs++;
          const [row] = await manager.query<{ n: number }[]>(`SELECT n FROM tx_probe WHERE id = 1`);
          await bothRead();
          await manager.query(`UPDATE tx_probe SET n = $1 WHERE id = 1`, [row.n + 1]);
        },
        { isolation: 'REPEATABLE READ' },
      );
    await Promise.all([increment(), increment()]);
    expect(runs).toBe(3);
    expect(await counts()).toEqual([2, 0]);
  });
});
