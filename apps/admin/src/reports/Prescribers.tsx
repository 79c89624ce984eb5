import { useTranslate } from 'react-admin';

import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { type PrescriberRow, useReport } from './reportData';
import { formatDays, formatRate, prescriberTypeLabel } from './reportFormat';
import { TableReport } from './TableReport';

/**
 * « Structures prescriptrices »: each structure's stock, hand-outs and what became of them. A
 * référent sees its commune's structures by name, and « Autres structures » for the carnets its
 * residents received elsewhere.
 */
export const Prescribers = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-prescriber');
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const sortable = { sortable: true };
  const days = { sortable: true, format: (value: number) => formatDays(t, value), none: '—' };
  const columns: Column<PrescriberRow>[] = [
    textColumn('name', label('prescriber'), (r) => r.name, sortable),
    textColumn(
      'type',
      label('prescriberType'),
      (r) => (r.type === null ? null : prescriberTypeLabel(t, r.type)),
      sortable,
    ),
    textColumn('commune', label('commune'), (r) => r.communeName, sortable),
    figureColumn('stock', label('stock'), (r) => r.stock, { ...sortable, none: '—' }),
    figureColumn('handedOut', label('handedOut'), (r) => r.handedOut, sortable),
    figureColumn('households', label('households'), (r) => r.households, sortable),
    figureColumn('started', label('started'), (r) => r.started, sortable),
    figureColumn('completed', label('completed'), (r) => r.completed, sortable),
    figureColumn('usedCheques', label('usedCheques'), (r) => r.usedCheques, sortable),
    centsColumn('usedAmount', label('usedAmount'), (r) => r.usedCents, sortable),
    figureColumn('rate', label('rate'), (r) => r.redemptionRate, {
      ...sortable,
      format: formatRate,
      none: '—',
    }),
    figureColumn('firstUse', label('firstUseMedian'), (r) => r.firstUseMedianDays, days),
    figureColumn('firstUseP90', label('firstUseP90'), (r) => r.firstUseP90Days, days),
  ];
  return (
    <TableReport
      name="prescribers"
      programmeId={programmeId}
      report="by-prescriber"
      query={report}
      columns={columns}
      rows={report.data?.rows ?? []}
      rowKey={(r) => r.prescriberId ?? 'others'}
    />
  );
};
