import { useTranslate } from 'react-admin';

import { centsColumn, figureColumn, textColumn } from './columns';
import { CommuneMap } from './CommuneMap';
import type { Column } from './DataTable';
import { type CommuneRow, useReport } from './reportData';
import { formatDays, formatDecimal, formatRate } from './reportFormat';
import { TableReport } from './TableReport';

/**
 * « Communes »: stock, hand-outs and use per commune of residence, per 1,000 inhabitants too,
 * as a table (sortable, to find a commune lagging behind) and on a map. A référent sees its own
 * commune's line, without a map.
 */
export const Communes = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-commune');
  const rows = report.data?.rows ?? [];
  const located = rows.filter((r) => r.latitude !== null && r.longitude !== null);
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const sortable = { sortable: true };
  const summed = { sortable: true, summed: true };
  const columns: Column<CommuneRow>[] = [
    textColumn('commune', label('commune'), (r) => r.communeName, sortable),
    figureColumn('population', label('population'), (r) => r.population, summed),
    figureColumn('allocated', label('allocated'), (r) => r.allocated, summed),
    figureColumn('received', label('received'), (r) => r.received, summed),
    figureColumn('stock', label('stock'), (r) => r.stock, summed),
    figureColumn('handedOut', label('handedOut'), (r) => r.handedOut, summed),
    figureColumn('handedOutPer1000', label('handedOutPer1000'), (r) => r.handedOutPer1000, {
      ...sortable,
      format: formatDecimal,
      none: '—',
    }),
    figureColumn('households', label('households'), (r) => r.households, summed),
    figureColumn('started', label('started'), (r) => r.started, summed),
    figureColumn('usedCheques', label('usedCheques'), (r) => r.usedCheques, summed),
    figureColumn('usedChequesPer1000', label('usedChequesPer1000'), (r) => r.usedChequesPer1000, {
      ...sortable,
      format: formatDecimal,
      none: '—',
    }),
    centsColumn('usedAmount', label('usedAmount'), (r) => r.usedCents, summed),
    figureColumn('rate', label('rate'), (r) => r.redemptionRate, {
      ...sortable,
      format: formatRate,
      none: '—',
    }),
    figureColumn('firstUse', label('firstUseMedian'), (r) => r.firstUseMedianDays, {
      ...sortable,
      format: (days) => formatDays(t, days),
      none: '—',
    }),
  ];
  return (
    <TableReport
      name="communes"
      programmeId={programmeId}
      report="by-commune"
      query={report}
      chart={located.length > 1 ? <CommuneMap rows={rows} /> : undefined}
      tableOpen
      columns={columns}
      rows={rows}
      rowKey={(r) => r.inseeCode}
      total={rows.length > 1}
    />
  );
};
