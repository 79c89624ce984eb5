import type { Schemas } from '@carnet/api-client';
import { useQuery } from '@tanstack/react-query';

import { api, crudApi, download, unwrap } from '../http';

// PROVISIONAL: the report DTOs as the contract writes them, until the report endpoints reach the
// generated client (libs/api-client); then these become `Schemas['…']`.

export type ScopeKind = 'PROGRAMME' | 'COMMUNE' | 'VENUE';

export interface ReportScope {
  kind: ScopeKind;
  inseeCode?: string | null;
  communeName?: string | null;
  venueId?: string | null;
  venueName?: string | null;
}

interface ReportHeader {
  programmeId: string;
  programmeName: string;
  /** When the figures were computed (ISO); null before the first refresh. */
  asOf: string | null;
  scope: ReportScope;
}

export interface Summary extends ReportHeader {
  carnets: {
    issued: number;
    allocated: number;
    atProgramme: number;
    atCommunes: number;
    atPrescribers: number;
    handedOut: number;
    started: number;
    completed: number;
  };
  cheques: {
    issued: number;
    unused: number;
    redeemed: number;
    inBatch: number;
    reimbursed: number;
    expired: number;
    cancelled: number;
    used: number;
    redemptionRate: number;
  };
  households: {
    total: number;
    bySituation: { situation: string; households: number }[];
    byAgeBand: { ageBand: string; households: number }[];
  };
  amounts: {
    budgetCents: number;
    committedCents: number;
    redeemedCents: number;
    paidCents: number;
    remainingCents: number;
  } | null;
  byFunder: {
    funderId: string;
    funderName: string;
    basisPoints: number;
    committedCents: number;
    redeemedCents: number;
    paidCents: number;
  }[];
  firstUse: { carnets: number; medianDays: number | null; p90Days: number | null };
  expiry: { withinDays: number; cheques: number; cents: number }[];
}

export interface CommuneRow {
  inseeCode: string;
  communeName: string;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
  allocated: number;
  received: number;
  stock: number;
  handedOut: number;
  households: number;
  started: number;
  completed: number;
  usedCheques: number;
  usedCents: number;
  handedOutPer1000: number | null;
  usedChequesPer1000: number | null;
  redemptionRate: number | null;
  firstUseMedianDays: number | null;
}

export interface PrescriberRow {
  prescriberId: string;
  name: string;
  type: string;
  inseeCode: string;
  communeName: string;
  stock: number;
  handedOut: number;
  households: number;
  started: number;
  completed: number;
  usedCheques: number;
  usedCents: number;
  redemptionRate: number | null;
  firstUseMedianDays: number | null;
  firstUseP90Days: number | null;
}

export interface VenueRow {
  venueId: string;
  name: string;
  inseeCode: string;
  communeName: string;
  latitude: number | null;
  longitude: number | null;
  redemptions: number;
  cheques: number;
  amountCents: number;
  participants: number;
  services: number;
  paidCents: number;
}

export interface ServiceRow {
  service: string;
  redemptions: number;
  cheques: number;
  amountCents: number;
  venues: number;
}

export interface NeedRow {
  /** A service of the national list (its French name), an online procedure (a code), or none. */
  kind: 'SERVICE' | 'PROCEDURE' | 'NONE';
  need: string;
  carnets: number;
  usedCheques: number;
  usedCents: number;
}

export interface FunderRow {
  funderId: string;
  funderName: string;
  kind: string;
  basisPoints: number;
  budgetCents: number;
  committedCents: number;
  redeemedCents: number;
  paidCents: number;
}

export interface MonthRow {
  period: string;
  handedOut: number;
  usedCheques: number;
  redemptions: number;
  amountCents: number;
  paidCents: number;
}

export interface ExpiryRow {
  withinDays: number;
  holderKind: 'PROGRAMME' | 'COMMUNE' | 'PRESCRIBER' | 'BENEFICIARY';
  inseeCode: string | null;
  communeName: string | null;
  prescriberId: string | null;
  prescriberName: string | null;
  cheques: number;
  cents: number;
}

type Rows<R> = ReportHeader & { rows: R[] };

/** Every report of a programme, by its path's last segment, and what it answers. */
export interface Reports {
  summary: Summary;
  'by-commune': Rows<CommuneRow>;
  'by-prescriber': Rows<PrescriberRow>;
  'by-venue': Rows<VenueRow>;
  'by-service': Rows<ServiceRow>;
  'by-need': Rows<NeedRow>;
  'by-funder': Rows<FunderRow>;
  timeseries: Rows<MonthRow>;
  'expiry-outlook': Rows<ExpiryRow>;
}
export type ReportName = keyof Reports;

export interface ReportStatus {
  asOf: string | null;
  watermark: string | null;
  refreshing: boolean;
  lastDurationMs: number | null;
  lastCarnets: number | null;
  lastPeriods: number | null;
}

/** The two spreadsheet formats every report is exported in, by the media type the API serves. */
export const EXPORT_FORMATS = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

const reportPath = (report: ReportName) => `/api/v1/reports/programmes/{id}/${report}`;

export const reportActions = {
  get: async <N extends ReportName>(programmeId: string, report: N): Promise<Reports[N]> =>
    (await unwrap(
      crudApi.GET(reportPath(report), { params: { path: { id: programmeId } } }),
    )) as Reports[N],

  /** The report as a file (CSV or XLSX), named by the API. */
  export: (programmeId: string, report: ReportName, format: ExportFormat) =>
    download(
      crudApi.GET(reportPath(report), {
        params: { path: { id: programmeId } },
        headers: { Accept: EXPORT_FORMATS[format] },
        parseAs: 'blob',
      }),
    ),

  status: async (): Promise<ReportStatus> =>
    (await unwrap(crudApi.GET('/api/v1/reports/status', { params: {} }))) as ReportStatus,

  /** Asks for a refresh now (the worker runs it); answers at once. */
  refresh: async (): Promise<void> => {
    await unwrap(crudApi.POST('/api/v1/reports/refresh', { params: {} }));
  },
};

/** One report of a programme (404 for a programme outside the user's scope: not retried). */
export const useReport = <N extends ReportName>(
  programmeId: string | undefined,
  report: N,
  enabled = true,
) =>
  useQuery({
    queryKey: ['reports', programmeId, report],
    queryFn: () => reportActions.get(programmeId!, report),
    enabled: enabled && programmeId !== undefined,
    retry: false,
  });

export type ReportProgramme = Pick<Schemas['ProgrammeResponseDto'], 'id' | 'name' | 'status'>;

/**
 * The programmes whose reports the user may read: the API lists each role its own (a funder's
 * staff, the programmes it funds; a référent, those its commune is enrolled in).
 */
export const useReportProgrammes = (enabled = true) =>
  useQuery({
    queryKey: ['reports', 'programmes'],
    queryFn: async (): Promise<ReportProgramme[]> =>
      (
        await unwrap(
          api.GET('/api/v1/programmes', { params: { query: { page: 1, pageSize: 100 } } }),
        )
      ).data,
    enabled,
  });

/** The programme shown first: the one asked for, else the first active one, else the first. */
export const chooseProgramme = (programmes: ReportProgramme[], wanted?: string | null) =>
  programmes.find((p) => p.id === wanted) ??
  programmes.find((p) => p.status === 'ACTIVE') ??
  programmes[0];
