/** What the batch's CSV files share: made for French spreadsheets first, machines second. */

/** Excel reads a CSV as UTF-8 only when it starts with the byte-order mark. */
export const BOM = '\ufeff';

/** ';', the separator of French spreadsheets (',' is their decimal mark); CRLF as in RFC 4180. */
export const CSV_OPTIONS = { delimiter: ';', record_delimiter: 'windows', eof: true } as const;

/** Text accumulated before a chunk is handed on. */
export const CSV_CHUNK_CHARACTERS = 32 * 1024;

/**
 * Text a spreadsheet would run as a formula (« =HYPERLINK(…) » as a venue's name) gets a leading
 * apostrophe, as OWASP advises for CSV files. Only text cells go through here: amounts, counts
 * and dates are written by us.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
