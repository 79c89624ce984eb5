import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { chartDefaults, SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type MonthRow, useReport } from './reportData';
import { formatShortMonth } from './reportFormat';
import { ReportSection } from './ReportSection';

const count = (value: number | null) => (value === null ? '' : formatCount(value));

/**
 * « Utilisation mois par mois »: carnets handed out and cheques used each month since the
 * programme's start (timeseries). `venue`: a venue's own figures, without hand-outs (not its
 * business) but with what it was paid.
 */
export const MonthlyUse = ({
  programmeId,
  venue = false,
}: {
  programmeId: string;
  venue?: boolean;
}) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'timeseries');
  const rows = report.data?.rows ?? [];
  const title = t('carnet.reports.timeseries.title');
  const columns: Column<MonthRow>[] = [
    {
      key: 'period',
      label: t('carnet.reports.columns.month'),
      nowrap: true,
      value: (r) => formatShortMonth(r.period),
    },
    ...(venue
      ? []
      : [
          {
            key: 'handedOut',
            label: t('carnet.reports.columns.handedOut'),
            numeric: true,
            value: (r: MonthRow) => formatCount(r.handedOut),
          },
        ]),
    {
      key: 'redemptions',
      label: t('carnet.reports.columns.redemptions'),
      numeric: true,
      value: (r) => formatCount(r.redemptions),
    },
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
    {
      key: 'paid',
      label: t('carnet.reports.columns.paid'),
      numeric: true,
      value: (r) => formatCents(r.paidCents),
    },
  ];
  const sum = (pick: (r: MonthRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const total = [
    t('carnet.total'),
    ...(venue ? [] : [formatCount(sum((r) => r.handedOut))]),
    formatCount(sum((r) => r.redemptions)),
    formatCount(sum((r) => r.usedCheques)),
    formatCents(sum((r) => r.amountCents)),
    formatCents(sum((r) => r.paidCents)),
  ];
  return (
    <ReportSection
      title={title}
      description={t(
        venue
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
            ...(venue
              ? []
              : [
                  {
                    data: rows.map((r) => r.handedOut),
                    label: t('carnet.reports.columns.handedOut'),
                    color: SERIES_COLOURS.orange,
                    curve: 'linear' as const,
                    valueFormatter: count,
                  },
                ]),
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
