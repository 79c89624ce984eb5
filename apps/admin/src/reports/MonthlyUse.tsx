import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { chartDefaults, SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type MonthRow, useReport } from './reportData';
import { formatShortMonth } from './reportFormat';
import { ReportSection } from './ReportSection';

const count = (value: number | null) => (value === null ? '' : formatCount(value));
const sum = (rows: MonthRow[], pick: (r: MonthRow) => number | null) =>
  rows.reduce((s, r) => s + (pick(r) ?? 0), 0);

/**
 * « Utilisation mois par mois »: carnets handed out and cheques used each month since the
 * programme's start (timeseries). What each scope has: a venue no hand-outs (not its business);
 * a commune neither sessions nor payments (its residents' cheques are counted, wherever spent).
 */
export const MonthlyUse = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'timeseries');
  const rows = report.data?.rows ?? [];
  const scope = report.data?.scope.kind;
  const withHandOuts = scope !== 'VENUE';
  const withVenueFigures = scope !== 'COMMUNE';
  const title = t('carnet.reports.timeseries.title');
  const columns: Column<MonthRow>[] = [
    {
      key: 'period',
      label: t('carnet.reports.columns.month'),
      nowrap: true,
      value: (r) => formatShortMonth(r.period),
    },
  ];
  const total: string[] = [t('carnet.total')];
  if (withHandOuts) {
    columns.push({
      key: 'handedOut',
      label: t('carnet.reports.columns.handedOut'),
      numeric: true,
      value: (r) => count(r.handedOut),
    });
    total.push(formatCount(sum(rows, (r) => r.handedOut)));
  }
  if (withVenueFigures) {
    columns.push({
      key: 'redemptions',
      label: t('carnet.reports.columns.redemptions'),
      numeric: true,
      value: (r) => count(r.redemptions),
    });
    total.push(formatCount(sum(rows, (r) => r.redemptions)));
  }
  columns.push(
    {
      key: 'usedCheques',
      label: t('carnet.reports.columns.usedCheques'),
      numeric: true,
      value: (r) => formatCount(r.usedCheques),
    },
    {
      key: 'amount',
      label: t('carnet.reports.columns.usedAmount'),
      numeric: true,
      value: (r) => formatCents(r.amountCents),
    },
  );
  total.push(
    formatCount(sum(rows, (r) => r.usedCheques)),
    formatCents(sum(rows, (r) => r.amountCents)),
  );
  if (withVenueFigures) {
    columns.push({
      key: 'paid',
      label: t('carnet.reports.columns.paid'),
      numeric: true,
      value: (r) => (r.paidCents === null ? '' : formatCents(r.paidCents)),
    });
    total.push(formatCents(sum(rows, (r) => r.paidCents)));
  }
  return (
    <ReportSection
      title={title}
      description={t(
        scope === 'VENUE'
          ? 'carnet.reports.timeseries.venueDescription'
          : 'carnet.reports.timeseries.description',
      )}
      programmeId={programmeId}
      report="timeseries"
      isPending={report.isPending}
      error={report.error}
      testId="report-timeseries"
      chart={
        <LineChart
          {...chartDefaults}
          margin={{ right: 24 }}
          xAxis={[
            {
              scaleType: 'point',
              data: rows.map((r) => r.period),
              valueFormatter: formatShortMonth,
            },
          ]}
          yAxis={[{ width: 'auto', valueFormatter: (v: number) => formatCount(v) }]}
          series={[
            ...(withHandOuts
              ? [
                  {
                    data: rows.map((r) => r.handedOut),
                    label: t('carnet.reports.columns.handedOut'),
                    color: SERIES_COLOURS.orange,
                    curve: 'linear' as const,
                    valueFormatter: count,
                  },
                ]
              : []),
            {
              data: rows.map((r) => r.usedCheques),
              label: t('carnet.reports.columns.usedCheques'),
              color: SERIES_COLOURS.blue,
              curve: 'linear',
              valueFormatter: count,
            },
          ]}
        />
      }
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.period}
          total={total}
          testId="table-timeseries"
        />
      }
    />
  );
};
