/**
 * A report as a table: what its CSV and XLSX are written from. Each report has one list of
 * columns (report-tables.ts): its French header, the kind of its values (which decides how each
 * format writes them) and how a JSON row gives its value.
 */

/**
 * - text: as is;
 * - integer: a count;
 * - cents: an amount in cents, written in euros with two decimals;
 * - decimal: a number with its own decimals (rates per 1,000 inhabitants, coordinates);
 * - percent: a ratio 0..1 written as a percentage with two decimals (45,67);
 * - period: a month 'YYYY-MM', written 11/2026;
 * - instant: a moment, written as the day and time in France (31/10/2026 14:05).
 */
export type CellKind = 'text' | 'integer' | 'cents' | 'decimal' | 'percent' | 'period' | 'instant';

export type CellValue = string | number | Date | null;

export interface Cell {
  kind: CellKind;
  value: CellValue;
}

export interface Column<Row> {
  header: string;
  kind: CellKind;
  value: (row: Row) => CellValue;
  /** Width in the XLSX, in characters (default: from the header). */
  width?: number;
}

export interface Table {
  /** The sheet's name in the XLSX (at most 31 characters). */
  sheet: string;
  headers: { header: string; width: number }[];
  rows: Cell[][];
}

export function tableOf<Row>(
  sheet: string,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): Table {
  return {
    sheet,
    headers: columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.min(40, Math.max(10, c.header.length + 2)),
    })),
    rows: rows.map((row) => columns.map((c) => ({ kind: c.kind, value: c.value(row) }))),
  };
}
