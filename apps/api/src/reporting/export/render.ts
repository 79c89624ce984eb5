import { parisOffsetMinutes, todayInParis } from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, Table } from './table.js';

/**
 * A report table as a file, for French spreadsheets first and machines second. CSV: UTF-8 with a
 * byte-order mark (Excel reads UTF-8 only then), ';' between cells (',' is the decimal mark),
 * CRLF, numbers without thousands separators and with a decimal comma, amounts in euros with two
 * decimals. XLSX: one sheet, a bold header row kept in view, numbers as numbers (amounts in
 * euros, months and moments as dates) with formats a French Excel shows as it should.
 */

export const BOM = '\ufeff';
export const CSV_OPTIONS = { delimiter: ';', record_delimiter: 'windows', eof: true } as const;

export const EURO_FORMAT = '#,##0.00 "€"';
const FORMATS: Record<Cell['kind'], string | undefined> = {
  text: undefined,
  integer: '#,##0',
  cents: EURO_FORMAT,
  decimal: '#,##0.00####',
  percent: '0.00',
  period: 'mm/yyyy',
  instant: 'dd/mm/yyyy hh:mm',
};

/** 123450 → "1234,50". */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice). */
function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The wall clock of Paris at `instant`, as a Date whose UTC fields show it (for Excel). */
function parisWallClock(instant: Date): Date {
  return new Date(instant.getTime() + parisOffsetMinutes(instant) * 60_000);
}

/** '31/10/2026 14:05', the day and time in France. */
export function frenchInstant(instant: Date): string {
  const wall = parisWallClock(instant).toISOString();
  return `${wall.slice(8, 10)}/${wall.slice(5, 7)}/${wall.slice(0, 4)} ${wall.slice(11, 16)}`;
}

function csvCell({ kind, value }: Cell): string {
  if (value === null) return '';
  switch (kind) {
    case 'text':
      return csvText(String(value));
    case 'integer':
      return String(value);
    case 'cents':
      return csvAmount(Number(value));
    case 'decimal':
      return String(value).replace('.', ',');
    case 'percent':
      return (Number(value) * 100).toFixed(2).replace('.', ',');
    case 'period': {
      const period = String(value);
      return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
    }
    case 'instant':
      return frenchInstant(value as Date);
  }
}

export function renderCsv(table: Table): Buffer {
  const text = stringify(
    [table.headers.map((h) => h.header), ...table.rows.map((row) => row.map(csvCell))],
    CSV_OPTIONS,
  );
  return Buffer.from(BOM + text, 'utf8');
}

function xlsxValue({ kind, value }: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  switch (kind) {
    case 'text':
      return String(value);
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'cents':
      return Number(value) / 100;
    case 'percent':
      return Math.round(Number(value) * 10_000) / 100;
    case 'period': {
      const period = String(value);
      return new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1, 1));
    }
    case 'instant':
      return parisWallClock(value as Date);
  }
}

export async function renderXlsx(table: Table, created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Carnet';
  workbook.created = created;
  workbook.modified = created;
  const sheet = workbook.addWorksheet(table.sheet, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = table.headers.map((h, i) => ({ key: `c${i}`, width: h.width }));
  const header = sheet.addRow(table.headers.map((h) => h.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map(xlsxValue));
    cells.forEach((cell, i) => {
      const format = FORMATS[cell.kind];
      if (format && cell.value !== null) row.getCell(i + 1).numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 'Pass numérique Lens-Liévin 2026-2027' → 'pass-numerique-lens-lievin-2026-2027'. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'programme'
  );
}

/** `<report>-<programme slug>-<day of the figures in France>.<ext>`. */
export function reportFileName(
  report: string,
  programmeName: string,
  asOf: Date | null,
  extension: 'csv' | 'xlsx',
  now = new Date(),
): string {
  return `${report}-${slug(programmeName)}-${todayInParis(asOf ?? now)}.${extension}`;
}
