import type { paths, Schemas } from '@carnet/api-client';
import { useQuery } from '@tanstack/react-query';

import { api, download, unwrap } from '../http';

export type Summary = Schemas['SummaryReportDto'];
export type CommuneRow = Schemas['CommuneReportRowDto'];
export type PrescriberRow = Schemas['PrescriberReportRowDto'];
export type VenueRow = Schemas['VenueReportRowDto'];
export type ServiceRow = Schemas['ServiceReportRowDto'];
export type NeedRow = Schemas['NeedReportRowDto'];
export type FunderRow = Schemas['FunderReportRowDto'];
export type MonthRow = Schemas['TimeseriesRowDto'];
export type ExpiryRow = Schemas['ExpiryOutlookRowDto'];
export type ReportStatus = Schemas['ReportStatusDto'];

/** Every report of a programme, by its path's last segment, and what it answers. */
export interface Reports {
  summary: Summary;
  'by-commune': Schemas['CommuneReportDto'];
  'by-prescriber': Schemas['PrescriberReportDto'];
  'by-venue': Schemas['VenueReportDto'];
  'by-service': Schemas['ServiceReportDto'];
  'by-need': Schemas['NeedReportDto'];
  'by-funder': Schemas['FunderReportDto'];
  timeseries: Schemas['TimeseriesReportDto'];
  'expiry-outlook': Schemas['ExpiryOutlookReportDto'];
}
export type ReportName = keyof Reports;

/** The two spreadsheet formats every report is exported in, by the media type the API serves. */
export const EXPORT_FORMATS = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The contract's path of each report (tsc checks them against libs/api-client). */
const reportPaths = {
  summary: '/api/v1/reports/programmes/{id}/summary',
  'by-commune': '/api/v1/reports/programmes/{id}/by-commune',
  'by-prescriber': '/api/v1/reports/programmes/{id}/by-prescriber',
  'by-venue': '/api/v1/reports/programmes/{id}/by-venue',
  'by-service': '/api/v1/reports/programmes/{id}/by-service',
  'by-need': '/api/v1/reports/programmes/{id}/by-need',
  'by-funder': '/api/v1/reports/programmes/{id}/by-funder',
  timeseries: '/api/v1/reports/programmes/{id}/timeseries',
  'expiry-outlook': '/api/v1/reports/programmes/{id}/expiry-outlook',
} as const satisfies Record<ReportName, keyof paths>;

/**
 * A report's path typed as one of them: they all take the same parameters (the programme's id),
 * which tsc cannot see through a union of paths.
 */
const pathOf = (report: ReportName) => reportPaths[report] as (typeof reportPaths)['summary'];

export const reportActions = {
  get: async <N extends ReportName>(programmeId: string, report: N): Promise<Reports[N]> =>
    (await unwrap(
      api.GET(pathOf(report), { params: { path: { id: programmeId } } }),
    )) as Reports[N],

  /** The report as a file (CSV or XLSX), named by the API. */
  export: (programmeId: string, report: ReportName, format: ExportFormat) =>
    download(
      api.GET(pathOf(report), {
        params: { path: { id: programmeId } },
        headers: { Accept: EXPORT_FORMATS[format] },
        parseAs: 'blob',
      }),
    ),

  status: (): Promise<ReportStatus> => unwrap(api.GET('/api/v1/reports/status')),

  /** Asks for a refresh now (the worker runs it); answers at once with the status. */
  refresh: (): Promise<ReportStatus> => unwrap(api.POST('/api/v1/reports/refresh')),
};

/** One report of a programme (404 for a programme outside the user's scope: not retried). */
export const useReport = <N extends ReportName>(programmeId: string | undefined, report: N) =>
  useQuery({
    queryKey: ['reports', programmeId, report],
    queryFn: () => reportActions.get(programmeId!, report),
    enabled: programmeId !== undefined,
    retry: false,
  });

export type ReportProgramme = Pick<
  Schemas['ProgrammeResponseDto'],
  'id' | 'name' | 'status' | 'chequesPerCarnet'
>;

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
