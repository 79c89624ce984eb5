import { formatCents, formatCount } from '../money';
import type { Column } from './DataTable';

// The columns the report tables share, so that each screen declares only its keys, labels and
// which figure of its rows each column shows.

interface TextOptions {
  /** Sortable on a click of its header (by the text, French order; dashes last). */
  sortable?: boolean;
}

/** Words (a name, a label): « — » where the row has none. */
export function textColumn<R>(
  key: string,
  label: string,
  pick: (row: R) => string | null,
  { sortable = false }: TextOptions = {},
): Column<R> {
  return {
    key,
    label,
    value: (row) => pick(row) ?? '—',
    sortValue: sortable ? pick : undefined,
  };
}

interface FigureOptions {
  /** How a value is written (default: a count, « 1 234 »). */
  format?: (value: number) => string;
  /** Sortable on a click of its header (largest first; rows without a value last). */
  sortable?: boolean;
  /** Summed in the totals row (rows without a value count for 0). */
  summed?: boolean;
  /** What a row without a value shows (default: nothing). */
  none?: string;
}

/** Figures: right-aligned, on one line. */
export function figureColumn<R>(
  key: string,
  label: string,
  pick: (row: R) => number | null,
  { format = formatCount, sortable = false, summed = false, none = '' }: FigureOptions = {},
): Column<R> {
  return {
    key,
    label,
    numeric: true,
    value: (row) => {
      const value = pick(row);
      return value === null ? none : format(value);
    },
    sortValue: sortable ? pick : undefined,
    total: summed
      ? (rows) => format(rows.reduce((sum, row) => sum + (pick(row) ?? 0), 0))
      : undefined,
  };
}

/** Amounts in cents, written in euros (« 1 234,50 € »). */
export const centsColumn = <R>(
  key: string,
  label: string,
  pick: (row: R) => number | null,
  options: Omit<FigureOptions, 'format'> = {},
): Column<R> => figureColumn(key, label, pick, { ...options, format: formatCents });
