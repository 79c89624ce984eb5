import { chequeNumber } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CHEQUES_CSV_HEADERS, type ChequeRow, writeChequesCsv } from './cheques-csv.js';

function sink() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

const ROWS: ChequeRow[] = [
  {
    number: chequeNumber(123_456),
    // 23:30 UTC on 31 October 2026 is already 1 November in Paris (winter time, +01:00).
    redeemedAt: new Date('2026-10-31T23:30:00Z'),
    service: 'Aide aux démarches administratives',
    venuePivot: '21620510700015',
    faceValueCents: 1000,
  },
  {
    number: chequeNumber(7),
    redeemedAt: new Date('2026-10-01T08:00:00Z'),
    service: 'Maîtrise des outils numériques du quotidien; débutants',
    venuePivot: 'W623000123',
    faceValueCents: 1050,
  },
];

describe('cheques.csv', () => {
  it('writes a BOM, French headers, one line per cheque: number, Paris day, service, venue, amount', async () => {
    const { out, bytes } = sink();
    const summary = await writeChequesCsv(ROWS, out);
    const file = bytes();
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(file, { bom: true, delimiter: ';' });
    expect(rows).toEqual([
      [...CHEQUES_CSV_HEADERS],
      [
        chequeNumber(123_456),
        '01/11/2026',
        'Aide aux démarches administratives',
        '21620510700015',
        '10,00',
      ],
      [
        '000000000076',
        '01/10/2026',
        'Maîtrise des outils numériques du quotidien; débutants',
        'W623000123',
        '10,50',
      ],
    ]);
    expect(summary).toEqual({
      rows: 2,
      totalCents: 2050,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('refuses a cheque number that is not one, destroying the output', async () => {
    const { out } = sink();
    await expect(writeChequesCsv([{ ...ROWS[0], number: '000000123458' }], out)).rejects.toThrow(
      'Cheque #1: invalid number "000000123458"',
    );
    expect(out.destroyed).toBe(true);
  });

  it('writes 200,000 cheques with the heap flat, reading them only as the output takes them', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 200_000;
    const samples: number[] = [];
    let read = 0;
    async function* cheques(): AsyncGenerator<ChequeRow> {
      for (let i = 0; i < count; i++) {
        if (i % 1000 === 0) await Promise.resolve();
        if (i === count / 2) {
          gc();
          samples.push(process.memoryUsage().heapUsed);
        }
        read++;
        yield {
          number: chequeNumber(1 + i),
          redeemedAt: new Date(Date.UTC(2026, 9, 1 + (i % 31), 9)),
          service: 'Aide aux démarches administratives',
          venuePivot: String(21620510700015 + (i % 500)),
          faceValueCents: 1000,
        };
      }
    }
    // A slow output (a database insert per chunk): the writer must wait for it.
    let received = 0;
    let behind = 0;
    const hash = createHash('sha256');
    const out = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        received += chunk.length;
        // Lines read but not yet received stay small: about one chunk ahead.
        behind = Math.max(behind, read * 50 - received);
        setTimeout(callback, 0);
      },
    });

    gc();
    const before = process.memoryUsage().heapUsed;
    const summary = await writeChequesCsv(cheques(), out);
    gc();
    const after = process.memoryUsage().heapUsed;
    const peak = Math.max(...samples, after);

    expect(summary.rows).toBe(count);
    expect(summary.totalCents).toBe(count * 1000);
    // ~16 MB of CSV: a writer that kept it would grow by as much.
    expect(summary.bytes).toBeGreaterThan(14_000_000);
    expect(summary.bytes).toBe(received);
    expect(summary.sha256).toBe(hash.digest('hex'));
    expect(peak - before).toBeLessThan(8_000_000);
    expect(behind).toBeLessThan(2_000_000);
  });
});
