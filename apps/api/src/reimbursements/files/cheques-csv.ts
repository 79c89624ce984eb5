import { assertCents, isValidChequeNumber } from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import { BOM, CSV_CHUNK_CHARACTERS, CSV_OPTIONS, csvText } from './csv.js';
import { csvAmount, parisDate } from './french.js';
import { type FileDigest, writeChunks } from './output.js';

/**
 * cheques.csv: every cheque a batch pays, one line each, for whoever reconciles the paper or the
 * printer's list with the payments (hundreds of thousands of lines in a large month: streamed).
 */

export interface ChequeRow {
  /** 12 digits, written as they are (a spreadsheet may drop leading zeros; the XLSX is for reading). */
  number: string;
  /** When the venue cashed it (the redemption's time), written as the day in France. */
  redeemedAt: Date;
  /** The service of the national schema it paid for (French already). */
  service: string;
  /** The venue's SIRET or RNA. */
  venuePivot: string;
  faceValueCents: number;
}

export interface ChequesCsvSummary extends FileDigest {
  rows: number;
  totalCents: number;
}

export const CHEQUES_CSV_HEADERS = [
  'Numéro',
  'Date d’encaissement',
  'Service',
  'SIRET/RNA du lieu',
  'Montant',
] as const;

/** Rows given to csv-stringify at once: one call per row would cost more than the writing. */
const ROWS_PER_STRINGIFY = 256;

async function* csvChunks(
  cheques: Iterable<ChequeRow> | AsyncIterable<ChequeRow>,
): AsyncGenerator<string, { rows: number; totalCents: number }, undefined> {
  let buffer = BOM + stringify([[...CHEQUES_CSV_HEADERS]], CSV_OPTIONS);
  let pending: string[][] = [];
  let rows = 0;
  let totalCents = 0;
  for await (const cheque of cheques) {
    rows++;
    if (!isValidChequeNumber(cheque.number)) {
      throw new RangeError(`Cheque #${rows}: invalid number "${cheque.number}"`);
    }
    assertCents(cheque.faceValueCents);
    totalCents += cheque.faceValueCents;
    pending.push([
      cheque.number,
      parisDate(cheque.redeemedAt),
      csvText(cheque.service),
      csvText(cheque.venuePivot),
      csvAmount(cheque.faceValueCents),
    ]);
    if (pending.length === ROWS_PER_STRINGIFY) {
      buffer += stringify(pending, CSV_OPTIONS);
      pending = [];
      if (buffer.length >= CSV_CHUNK_CHARACTERS) {
        yield buffer;
        buffer = '';
      }
    }
  }
  assertCents(totalCents);
  yield buffer + (pending.length > 0 ? stringify(pending, CSV_OPTIONS) : '');
  return { rows, totalCents };
}

/**
 * Writes cheques.csv into `out` (UTF-8 with BOM, ';', dates JJ/MM/AAAA in France, amounts
 * "10,00"): a header, then one line per cheque in the order given; ends `out`. The next cheque is
 * read only when `out` has room. On failure `out` is destroyed and the promise rejects.
 */
export function writeChequesCsv(
  cheques: Iterable<ChequeRow> | AsyncIterable<ChequeRow>,
  out: Writable,
): Promise<ChequesCsvSummary> {
  return writeChunks(csvChunks(cheques), out);
}
