import { Injectable } from '@nestjs/common';
import { SMALL_CELL_THRESHOLD, suppressSmallCells, todayInParis } from '@carnet/domain';
import { stringify } from 'csv-stringify/sync';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import type { ProgrammeUsageDto, UsageRowDto } from './dto/open-usage.dto.js';
import { OpenUsageRepository, type UsageCell } from './open-usage.repository.js';

/** Etalab's licence, the default of French public open data (reuse with attribution). */
export const USAGE_LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** The CSV's columns: snake_case ASCII, French words, as French open data names them. */
export const USAGE_CSV_HEADERS = [
  'code_insee',
  'commune',
  'mois',
  'service',
  'seances',
  'cheques',
  'montant_euros',
] as const;

/** In the CSV: the commune of venues without one, and the service of a total row. */
export const OUTSIDE_COMMUNES = 'Hors commune';
export const ALL_SERVICES = 'Tous services';

/** Excel reads a CSV as UTF-8 only when it starts with the byte-order mark. */
const BOM = '\ufeff';
/** ';', the separator of French spreadsheets (',' is their decimal mark); CRLF as in RFC 4180. */
const CSV_OPTIONS = { delimiter: ';', record_delimiter: 'windows', eof: true } as const;

const french = new Intl.Collator('fr');

/**
 * Open usage data of a programme whose manager publishes it (`programme.open_data`): sessions,
 * cheques and amounts per commune of the venues, month and service, from the reporting store,
 * with small counts withheld (libs/domain suppressSmallCells, threshold 5). Nothing personal:
 * no venue, no beneficiary, no structure.
 */
@Injectable()
export class OpenUsageService {
  constructor(private readonly store: OpenUsageRepository) {}

  /** The table; PROGRAMME_NOT_FOUND alike for an unknown programme and an unpublished one. */
  async usage(programmeId: string): Promise<ProgrammeUsageDto> {
    const { programme, asOf, cells } = await this.store.snapshot(programmeId);
    if (!programme?.openData) {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_NOT_FOUND,
        `No programme ${programmeId}.`,
      );
    }
    return {
      programmeId: programme.id,
      programmeName: programme.name,
      asOf,
      threshold: SMALL_CELL_THRESHOLD,
      licence: { ...USAGE_LICENCE },
      rows: publishedRows(cells),
    };
  }

  /**
   * The same table as CSV: UTF-8 with BOM, `;`, CRLF, amounts in euros with a decimal comma; the
   * file named after the programme and the day (France) of `asOf`.
   */
  async csv(programmeId: string): Promise<{ filename: string; asOf: Date | null; body: string }> {
    const usage = await this.usage(programmeId);
    const lines = usage.rows.map((row) => [
      row.inseeCode ?? '',
      row.inseeCode === null ? OUTSIDE_COMMUNES : csvText(row.communeName ?? ''),
      row.period,
      row.service === null ? ALL_SERVICES : csvText(row.service),
      row.redemptions === null ? '' : String(row.redemptions),
      row.cheques === null ? '' : String(row.cheques),
      row.amountCents === null ? '' : euros(row.amountCents),
    ]);
    const day = usage.asOf ? `-${todayInParis(usage.asOf)}` : '';
    return {
      filename: `usage-${slug(usage.programmeName)}${day}.csv`,
      asOf: usage.asOf,
      body: BOM + stringify([[...USAGE_CSV_HEADERS], ...lines], CSV_OPTIONS),
    };
  }
}

/**
 * The cells grouped in rows of the suppression (a commune and a month), each followed by its
 * total; withheld figures null.
 */
function publishedRows(cells: UsageCell[]): UsageRowDto[] {
  const groups = new Map<string, UsageCell[]>();
  for (const cell of [...cells].sort(byCommuneMonthService)) {
    const key = `${cell.inseeCode ?? ''}|${cell.period}`;
    const group = groups.get(key);
    if (group) group.push(cell);
    else groups.set(key, [cell]);
  }
  const suppressed = suppressSmallCells([...groups.values()], (cell) => cell.redemptions);
  return suppressed.flatMap((row) => {
    const { inseeCode, communeName, period } = row.cells[0].cell;
    const where = { inseeCode, communeName: inseeCode === null ? null : communeName, period };
    const total = {
      ...where,
      service: null,
      redemptions: row.total,
      cheques: row.cells.reduce((sum, { cell }) => sum + cell.cheques, 0),
      amountCents: row.cells.reduce((sum, { cell }) => sum + cell.amountCents, 0),
    };
    return [
      ...row.cells.map(({ cell, suppressed: reason }) =>
        reason ? withheld({ ...where, service: cell.service }) : { ...where, ...figures(cell) },
      ),
      row.totalSuppressed ? withheld({ ...where, service: null }) : { ...total, suppressed: false },
    ];
  });
}

const figures = (cell: UsageCell) => ({
  service: cell.service,
  redemptions: cell.redemptions,
  cheques: cell.cheques,
  amountCents: cell.amountCents,
  suppressed: false,
});

const withheld = (
  row: Pick<UsageRowDto, 'inseeCode' | 'communeName' | 'period' | 'service'>,
): UsageRowDto => ({
  ...row,
  redemptions: null,
  cheques: null,
  amountCents: null,
  suppressed: true,
});

/** Communes by INSEE code (venues without one last), then months, then services in French order. */
function byCommuneMonthService(a: UsageCell, b: UsageCell): number {
  if (a.inseeCode !== b.inseeCode) {
    if (a.inseeCode === null) return 1;
    if (b.inseeCode === null) return -1;
    return a.inseeCode < b.inseeCode ? -1 : 1;
  }
  if (a.period !== b.period) return a.period < b.period ? -1 : 1;
  return french.compare(a.service, b.service);
}

/**
 * A commune's name may come from a venue's address when the commune is not imported: text that a
 * spreadsheet would run as a formula gets a leading apostrophe, as OWASP advises.
 */
function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 123450 → "1234,50": a decimal comma and no thousands separator, read as a number by spreadsheets. */
function euros(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

/** "Pass numérique Lens-Liévin 2026-2027" → "pass-numerique-lens-lievin-2026-2027". */
function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'programme'
  );
}
