import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { chartDefaults, SERIES_COLOURS } from './charts';
import { centsColumn, figureColumn } from './columns';
import type { Column } from './DataTable';
import { type MonthRow, useReport } from './reportData';
import { formatShortMonth } from './reportFormat';
import { TableReport } from './TableReport';

const count = (value: number | null) => (value === null ? '' : formatCount(value));

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
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const summed = { summed: true };
  const columns: Column<MonthRow>[] = [
    {
      key: 'period',
      label: label('month'),
      nowrap: true,
      value: (r) => formatShortMonth(r.period),
    },
    ...(withHandOuts
      ? [figureColumn<MonthRow>('handedOut', label('handedOut'), (r) => r.handedOut, summed)]
      : []),
    ...(withVenueFigures
      ? [figureColumn<MonthRow>('redemptions', label('redemptions'), (r) => r.redemptions, summed)]
      : []),
    figureColumn('usedCheques', label('usedCheques'), (r) => r.usedCheques, summed),
    centsColumn('amount', label('usedAmount'), (r) => r.amountCents, summed),
    ...(withVenueFigures
      ? [centsColumn<MonthRow>('paid', label('paid'), (r) => r.paidCents, summed)]
      : []),
  ];
  return (
    <TableReport
      name="timeseries"
      description={t(
        scope === 'VENUE'
          ? 'carnet.reports.timeseries.venueDescription'
          : 'carnet.reports.timeseries.description',
      )}
      programmeId={programmeId}
      report="timeseries"
      query={report}
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
                    label: label('handedOut'),
                    color: SERIES_COLOURS.orange,
                    curve: 'linear' as const,
                    valueFormatter: count,
                  },
                ]
              : []),
            {
              data: rows.map((r) => r.usedCheques),
              label: label('usedCheques'),
              color: SERIES_COLOURS.blue,
              curve: 'linear',
              valueFormatter: count,
            },
          ]}
        />
      }
      columns={columns}
      rows={rows}
      rowKey={(r) => r.period}
      total
    />
  );
};
