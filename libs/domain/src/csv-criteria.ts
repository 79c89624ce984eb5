export const INSEE_CODE_COLUMN = 'inseeCode';

export interface CriteriaRow {
  inseeCode: string;
  criteria: Record<string, number>;
}

export interface CriteriaCsvError {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  /** The column at fault: `inseeCode` or a criterion name; absent for whole-line errors. */
  field?: string;
  message: string;
}

export type CriteriaCsvResult =
  { ok: true; rows: CriteriaRow[] } | { ok: false; errors: CriteriaCsvError[] };

/** 5 digits, or Corsica's 2A/2B followed by 3 digits. */
const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
/** Integer part either plain or grouped by 3 with spaces, then an optional decimal part. */
const DECIMAL = /^(\d{1,3}(?: \d{3})+|\d+)(?:[,.](\d+))?$/;

/**
 * Reads a number as written in French spreadsheets: `12,5`, `1 234`, `1 234,56` (regular or
 * no-break spaces between thousands); a decimal point is accepted too. Returns undefined for
 * anything else, including negative numbers and thousands groups that are not of 3 digits,
 * which are more likely typing errors than intended values.
 */
export function parseFrenchNumber(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim().replace(/[\u00a0\u202f]/g, ' '));
  if (!match) return undefined;
  const value = Number(`${match[1].replace(/ /g, '')}.${match[2] ?? '0'}`);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Validates allocation criteria already split into rows by a CSV reader (header row first:
 * `inseeCode,<criterion>,…`), reporting every error rather than the first, so that the person
 * importing can fix the file in one go. Line numbers assume one record per line (no line
 * breaks inside quoted fields, which criteria files have no reason to contain). Blank lines
 * are skipped.
 */
export function parseCriteriaCsv(
  rows: readonly (readonly string[])[],
  knownInseeCodes: ReadonlySet<string>,
): CriteriaCsvResult {
  const header = rows.length > 0 ? readHeader(rows[0]) : { errors: [emptyFileError] };
  if ('errors' in header) return { ok: false, errors: header.errors };

  const errors: CriteriaCsvError[] = [];
  const parsed: CriteriaRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (let index = 1; index < rows.length; index++) {
    const line = index + 1;
    const cells = rows[index].map((cell) => cell.trim());
    if (cells.every((cell) => cell === '')) continue;
    if (cells.length !== header.criteria.length + 1) {
      const message = `Expected ${header.criteria.length + 1} fields, found ${cells.length}`;
      errors.push({ line, message });
    }

    const inseeCode = (cells[0] ?? '').toUpperCase();
    const codeError = checkInseeCode(inseeCode, knownInseeCodes, firstLineOf.get(inseeCode));
    if (codeError) errors.push({ line, field: INSEE_CODE_COLUMN, message: codeError });
    if (!firstLineOf.has(inseeCode)) firstLineOf.set(inseeCode, line);

    const entries: [string, number][] = [];
    for (const [c, criterion] of header.criteria.entries()) {
      const cell = cells[c + 1];
      if (cell === undefined) continue; // already reported as a field count error
      const value = parseFrenchNumber(cell);
      if (value === undefined) {
        errors.push({ line, field: criterion, message: describeBadNumber(cell) });
      } else {
        entries.push([criterion, value]);
      }
    }
    // fromEntries defines own properties, so even a column named "__proto__" is kept as data.
    parsed.push({ inseeCode, criteria: Object.fromEntries(entries) });
  }

  if (errors.length > 0) return { ok: false, errors };
  if (parsed.length === 0) {
    return { ok: false, errors: [{ line: 2, message: 'The file has no commune line' }] };
  }
  return { ok: true, rows: parsed };
}

const emptyFileError: CriteriaCsvError = {
  line: 1,
  message: `The file is empty; expected a header "${INSEE_CODE_COLUMN},<criterion>,…"`,
};

function readHeader(
  row: readonly string[],
): { criteria: string[] } | { errors: CriteriaCsvError[] } {
  // Spreadsheets often save CSV with a byte-order mark, which would hide the first column name.
  const names = row.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, '') : cell).trim());
  const errors: CriteriaCsvError[] = [];
  if (names[0] !== INSEE_CODE_COLUMN) {
    const found = names[0] === undefined || names[0] === '' ? 'nothing' : `"${names[0]}"`;
    errors.push({
      line: 1,
      field: INSEE_CODE_COLUMN,
      message: `The first column must be "${INSEE_CODE_COLUMN}", found ${found}`,
    });
  }
  const criteria = names.slice(1);
  if (criteria.length === 0) {
    errors.push({ line: 1, message: 'The header names no criterion after the INSEE code' });
  }
  for (const [i, name] of criteria.entries()) {
    if (name === '') {
      errors.push({ line: 1, message: `Column ${i + 2} has no name` });
    } else if (name === INSEE_CODE_COLUMN || criteria.indexOf(name) < i) {
      errors.push({ line: 1, field: name, message: `Column "${name}" appears more than once` });
    }
  }
  return errors.length > 0 ? { errors } : { criteria };
}

function checkInseeCode(
  code: string,
  known: ReadonlySet<string>,
  firstLine: number | undefined,
): string | undefined {
  if (code === '') return 'Missing INSEE code';
  if (!INSEE_CODE.test(code)) {
    // Spreadsheets read codes as numbers and drop the leading zero (01004 → 1004).
    const hint = /^\d{4}$/.test(code) ? `; did a spreadsheet drop a leading zero (0${code})?` : '';
    return `"${code}" is not an INSEE code (5 digits, or 2A/2B and 3 digits)${hint}`;
  }
  if (!known.has(code)) return `Unknown INSEE code "${code}"`;
  if (firstLine !== undefined) return `INSEE code "${code}" already appears on line ${firstLine}`;
  return undefined;
}

function describeBadNumber(cell: string): string {
  if (cell === '') return 'Missing value; write 0 if there is none';
  if (/^[-−]/.test(cell) && parseFrenchNumber(cell.slice(1)) !== undefined) {
    return `"${cell}" is negative; criteria values must be 0 or more`;
  }
  return `"${cell}" is not a number (examples: 1234, 1 234, 12,5)`;
}
