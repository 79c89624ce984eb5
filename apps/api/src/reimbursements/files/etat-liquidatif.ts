import { assertCents } from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BOM, CSV_CHUNK_CHARACTERS, CSV_OPTIONS, csvText } from './csv.js';
import { csvAmount, paymentObject } from './french.js';
import { type FileDigest, Metered, relieve, writeChunks } from './output.js';
import { typologiesLabel } from './typologies.js';

/**
 * The « état liquidatif » of a batch: one line per payee, what the accountant (the comptable
 * public) needs to order the payments, in CSV and XLSX from the same lines. The budget columns
 * (Exercice, Chapitre, Nature, Fonction, Engagement) are left empty for the finance officer to
 * fill in with the collectivité's own imputation.
 */

export interface EtatLiquidatifMeta {
  programmeName: string;
  /** YYYY-MM. */
  period: string;
  /**
   * The XLSX's creation date and the time of its zip entries: the export passes the moment it
   * was asked, so that a retried export writes the same bytes.
   */
  generatedAt: Date;
}

/** A PAYABLE line of the batch, with the payee copied at sealing. */
export interface EtatLiquidatifLine {
  venueName: string;
  /** SIRET or RNA. */
  venuePivot: string;
  /** data·inclusion codes, written as their French names (« Nature juridique »). */
  venueTypologies: readonly string[];
  holderName: string;
  iban: string;
  bic: string | null;
  chequeCount: number;
  amountCents: number;
}

export interface EtatLiquidatifSummary extends FileDigest {
  /** Payee lines written (the header and totals rows not counted). */
  rows: number;
  cheques: number;
  totalCents: number;
}

export const ETAT_LIQUIDATIF_HEADERS = [
  'Tiers',
  'SIRET/RNA',
  'Nature juridique',
  'Titulaire du compte',
  'IBAN',
  'BIC',
  'Nombre de chèques',
  'Valeur unitaire',
  'Montant',
  'Objet',
  'Exercice',
  'Chapitre',
  'Nature',
  'Fonction',
  'Engagement',
] as const;

/** Column widths in the XLSX, in characters, in the order of the headers. */
const WIDTHS = [36, 16, 28, 32, 30, 13, 11, 12, 14, 48, 10, 10, 10, 10, 12];
const COUNT_COLUMN = 6;
const AMOUNT_COLUMNS = [7, 8];

/** A cell of the row model: text, a count, or an amount in cents (null: empty). */
type Cell = string | number | { cents: number } | null;

function lineCells(meta: EtatLiquidatifMeta, line: EtatLiquidatifLine, position: number): Cell[] {
  const { chequeCount, amountCents } = line;
  if (!Number.isSafeInteger(chequeCount) || chequeCount < 1) {
    throw new RangeError(`Line #${position}: invalid cheque count ${chequeCount}`);
  }
  assertCents(amountCents);
  // Every cheque of a programme has its face value (frozen at activation); a line whose amount
  // is not a multiple of its count would mix values, and then no single unit value is true.
  const unit = amountCents % chequeCount === 0 ? { cents: amountCents / chequeCount } : null;
  return [
    line.venueName,
    line.venuePivot,
    typologiesLabel(line.venueTypologies),
    line.holderName,
    line.iban.replace(/\s/g, '').toUpperCase(),
    line.bic ?? '',
    chequeCount,
    unit,
    { cents: amountCents },
    paymentObject(meta.programmeName, meta.period),
    null,
    null,
    null,
    null,
    null,
  ];
}

function totalsCells(cheques: number, totalCents: number): Cell[] {
  const cells: Cell[] = ETAT_LIQUIDATIF_HEADERS.map(() => null);
  cells[0] = 'Total';
  cells[COUNT_COLUMN] = cheques;
  cells[AMOUNT_COLUMNS[1]] = { cents: totalCents };
  return cells;
}

interface Totals {
  rows: number;
  cheques: number;
  totalCents: number;
}

/** The rows after the header: one per line, then the totals, computed on the way. */
async function* rowsOf(
  meta: EtatLiquidatifMeta,
  lines: Iterable<EtatLiquidatifLine> | AsyncIterable<EtatLiquidatifLine>,
): AsyncGenerator<{ cells: Cell[]; totals: boolean }, Totals, undefined> {
  let rows = 0;
  let cheques = 0;
  let totalCents = 0;
  for await (const line of lines) {
    rows++;
    const cells = lineCells(meta, line, rows);
    cheques += line.chequeCount;
    totalCents += line.amountCents;
    yield { cells, totals: false };
  }
  assertCents(totalCents);
  yield { cells: totalsCells(cheques, totalCents), totals: true };
  return { rows, cheques, totalCents };
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return csvText(cell);
  return csvAmount(cell.cents);
}

async function* csvChunks(
  meta: EtatLiquidatifMeta,
  lines: Iterable<EtatLiquidatifLine> | AsyncIterable<EtatLiquidatifLine>,
): AsyncGenerator<string, Totals, undefined> {
  let buffer = BOM + stringify([[...ETAT_LIQUIDATIF_HEADERS]], CSV_OPTIONS);
  const rows = rowsOf(meta, lines);
  for (;;) {
    const next = await rows.next();
    if (next.done) {
      yield buffer;
      return next.value;
    }
    buffer += stringify([next.value.cells.map(csvCell)], CSV_OPTIONS);
    if (buffer.length >= CSV_CHUNK_CHARACTERS) {
      yield buffer;
      buffer = '';
    }
  }
}

/**
 * Writes etat-liquidatif.csv into `out` (UTF-8 with BOM, ';', amounts "1234,50": a decimal
 * comma and no thousands separator, so that French spreadsheets read numbers), a header row,
 * one row per line and a totals row; ends `out`. On failure `out` is destroyed and the promise
 * rejects: discard what it received.
 */
export function writeEtatLiquidatifCsv(
  meta: EtatLiquidatifMeta,
  lines: Iterable<EtatLiquidatifLine> | AsyncIterable<EtatLiquidatifLine>,
  out: Writable,
): Promise<EtatLiquidatifSummary> {
  return writeChunks(csvChunks(meta, lines), out);
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Euros with two decimals and the sign after, as French spreadsheets show them. */
export const EURO_FORMAT = '#,##0.00 "€"';

/**
 * exceljs's streaming writer, with every zip entry dated `created`: archiver stamps entries
 * with the current time otherwise, and two exports of the same batch would differ. The theme is
 * the first entry, added from the base constructor (after `created` is set, before anything
 * else): the stamp goes in there.
 */
class DatedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip: ZipArchive }).zip;
    const created = this.created;
    const append = zip.append.bind(zip);
    zip.append = (source, data) => append(source, { ...data, date: created });
    return super.addThemes();
  }
}

interface ZipArchive {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/** Rows drawn between two looks at the output: a slow one stops the writer soon enough. */
const ROWS_BETWEEN_CHECKS = 64;

/**
 * Writes etat-liquidatif.xlsx into `out`: one sheet, a bold header row kept in view, amounts as
 * numbers in euros, a bold totals row; ends `out`. Rows are streamed (exceljs's WorkbookWriter)
 * and the writer waits whenever `out` is full. On failure `out` is destroyed and the promise
 * rejects.
 */
export async function writeEtatLiquidatifXlsx(
  meta: EtatLiquidatifMeta,
  lines: Iterable<EtatLiquidatifLine> | AsyncIterable<EtatLiquidatifLine>,
  out: Writable,
): Promise<EtatLiquidatifSummary> {
  const meter = new Metered();
  const piping = pipeline(meter, out);
  // Awaited below; this only keeps an early failure from going unhandled meanwhile.
  piping.catch(() => undefined);
  try {
    const workbook = new DatedWorkbookWriter({
      stream: meter,
      useStyles: true,
      useSharedStrings: false,
      created: meta.generatedAt,
      modified: meta.generatedAt,
      creator: 'Carnet',
      lastModifiedBy: 'Carnet',
    } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
    const sheet = workbook.addWorksheet('État liquidatif', {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    });
    sheet.columns = WIDTHS.map((width, index) => ({ key: `c${index}`, width }));

    const header = sheet.addRow([...ETAT_LIQUIDATIF_HEADERS]);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();

    const rows = rowsOf(meta, lines);
    let totals: Totals;
    for (let written = 1; ; written++) {
      const next = await rows.next();
      if (next.done) {
        totals = next.value;
        break;
      }
      const { cells } = next.value;
      const row = sheet.addRow(
        cells.map((cell) =>
          cell !== null && typeof cell === 'object' ? cell.cents / 100 : (cell ?? null),
        ),
      );
      for (const column of AMOUNT_COLUMNS) row.getCell(column + 1).numFmt = EURO_FORMAT;
      if (next.value.totals) row.font = { bold: true };
      row.commit();
      if (written % ROWS_BETWEEN_CHECKS === 0) await relieve(meter);
    }
    sheet.commit();
    await workbook.commit();
    await piping;
    return { ...totals, bytes: meter.bytes, sha256: meter.sha256 };
  } catch (error) {
    meter.destroy(error instanceof Error ? error : new Error(String(error)));
    await piping.catch(() => undefined);
    throw error;
  }
}
