import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { chartDefaults, SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type ExpiryRow, useReport } from './reportData';
import { expiryPlace, withinDaysLabel } from './reportFormat';
import { ReportSection } from './ReportSection';

const HORIZONS = [30, 60, 90] as const;
const HOLDER_KINDS: { kind: ExpiryRow['holderKind']; colour: string }[] = [
  { kind: 'PROGRAMME', colour: SERIES_COLOURS.grey },
  { kind: 'COMMUNE', colour: SERIES_COLOURS.purple },
  { kind: 'PRESCRIBER', colour: SERIES_COLOURS.orange },
  { kind: 'BENEFICIARY', colour: SERIES_COLOURS.blue },
];

const rowKey = (r: ExpiryRow) =>
  `${r.withinDays}-${r.holderKind}-${r.inseeCode ?? ''}-${r.prescriberId ?? ''}`;

/**
 * « Chèques bientôt expirés »: unused cheques whose validity ends within 30, 31–60 and 61–90 days,
 * by where they sit (programme stock, communes, structures, beneficiaries' hands), so that they
 * are handed out or used in time.
 */
export const ExpiryOutlook = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'expiry-outlook');
  const rows = [...(report.data?.rows ?? [])].sort(
    (a, b) => a.withinDays - b.withinDays || b.cheques - a.cheques,
  );
  const title = t('carnet.reports.expiry.title');
  const columns: Column<ExpiryRow>[] = [
    {
      key: 'within',
      label: t('carnet.reports.columns.expiresWithin'),
      value: (r) => withinDaysLabel(t, r.withinDays),
    },
    { key: 'place', label: t('carnet.reports.columns.place'), value: (r) => expiryPlace(t, r) },
    {
      key: 'cheques',
      label: t('carnet.reports.columns.cheques'),
      numeric: true,
      value: (r) => formatCount(r.cheques),
    },
    {
      key: 'amount',
      label: t('carnet.reports.columns.amount'),
      numeric: true,
      value: (r) => formatCents(r.cents),
    },
  ];
  const chequesAt = (withinDays: number, kind: ExpiryRow['holderKind']) =>
    rows
      .filter((r) => r.withinDays === withinDays && r.holderKind === kind)
      .reduce((s, r) => s + r.cheques, 0);
  const present = HOLDER_KINDS.filter(({ kind }) => rows.some((r) => r.holderKind === kind));
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.expiry.description')}
      programmeId={programmeId}
      report="expiry-outlook"
      isPending={report.isPending}
      error={report.error}
      testId="report-expiry"
      chart={
        rows.length > 0 ? (
          <BarChart
            {...chartDefaults}
            margin={{ right: 24 }}
            xAxis={[{ scaleType: 'band', data: HORIZONS.map((d) => withinDaysLabel(t, d)) }]}
            yAxis={[{ width: 'auto', valueFormatter: (v: number) => formatCount(v) }]}
            series={present.map(({ kind, colour }) => ({
              data: HORIZONS.map((d) => chequesAt(d, kind)),
              label: t(`carnet.reports.expiry.holders.${kind}`),
              color: colour,
              stack: 'cheques',
              valueFormatter: (v: number | null) => (v === null ? '' : formatCount(v)),
            }))}
          />
        ) : undefined
      }
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={rowKey}
          total={
            rows.length > 1
              ? [
                  t('carnet.total'),
                  '',
                  formatCount(rows.reduce((s, r) => s + r.cheques, 0)),
                  formatCents(rows.reduce((s, r) => s + r.cents, 0)),
                ]
              : undefined
          }
          testId="table-expiry"
        />
      }
    />
  );
};
