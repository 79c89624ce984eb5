// The CSV file itself, for the list exports (csvExport.tsx): pure text functions, unit-tested.

/** One column of the file: its French header and what a record shows in it. */
export interface CsvColumn<R> {
  header: string;
  value: (record: R) => string | number | boolean | null | undefined;
}

export const csvYesNo = (value: boolean | null | undefined): string =>
  value == null ? '' : value ? 'Oui' : 'Non';

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, tab, CR first: a venue named
 * « =HYPERLINK(…) » say) starts with an apostrophe, which shows it as text. Numbers, negative
 * amounts included, stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?\d+([.,]\d+)?$/;

/** One CSV cell: quoted when it holds `"`, `;` or a line end. */
export const csvCell = (value: string | number | boolean | null | undefined): string => {
  if (value == null) return '';
  let text = typeof value === 'boolean' ? csvYesNo(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER.test(text)) {
    text = `'${text}`;
  }
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The file's text: BOM, header line, one line per record, CRLF line ends (RFC 4180). */
export function toCsv<R>(records: readonly R[], columns: readonly CsvColumn<R>[]): string {
  const lines = [
    columns.map((column) => csvCell(column.header)),
    ...records.map((record) => columns.map((column) => csvCell(column.value(record)))),
  ];
  return `\uFEFF${lines.map((line) => line.join(';')).join('\r\n')}\r\n`;
}
