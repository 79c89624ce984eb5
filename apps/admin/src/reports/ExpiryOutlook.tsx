import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { chartDefaults, SERIES_COLOURS } from './charts';
import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { type ExpiryRow, useReport } from './reportData';
import { expiryPlace, withinDaysLabel } from './reportFormat';
import { TableReport } from './TableReport';

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
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const columns: Column<ExpiryRow>[] = [
    textColumn('within', label('expiresWithin'), (r) => withinDaysLabel(t, r.withinDays)),
    textColumn('place', label('place'), (r) => expiryPlace(t, r)),
    figureColumn('cheques', label('cheques'), (r) => r.cheques, { summed: true }),
    centsColumn('amount', label('amount'), (r) => r.cents, { summed: true }),
  ];
  const chequesAt = (withinDays: number, kind: ExpiryRow['holderKind']) =>
    rows
      .filter((r) => r.withinDays === withinDays && r.holderKind === kind)
      .reduce((s, r) => s + r.cheques, 0);
  const present = HOLDER_KINDS.filter(({ kind }) => rows.some((r) => r.holderKind === kind));
  return (
    <TableReport
      name="expiry"
      programmeId={programmeId}
      report="expiry-outlook"
      query={report}
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
      columns={columns}
      rows={rows}
      rowKey={rowKey}
      total={rows.length > 1}
    />
  );
};
