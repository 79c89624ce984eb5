import { useTranslate } from 'react-admin';

import { RowBars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { type NeedRow, useReport } from './reportData';
import { needLabel } from './reportFormat';
import { TableReport } from './TableReport';

/** Services first, then online procedures, then carnets whose diagnostic named no need. */
const KIND_ORDER: Record<NeedRow['kind'], number> = { SERVICE: 0, PROCEDURE: 1, NONE: 2 };

/**
 * « Besoins des bénéficiaires »: the services and online procedures the diagnostics named (a
 * carnet counts once per need it was handed out for), and what its cheques paid for.
 */
export const Needs = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-need');
  const rows = [...(report.data?.rows ?? [])].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.carnets - a.carnets,
  );
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const columns: Column<NeedRow>[] = [
    textColumn('need', label('need'), (r) => needLabel(t, r)),
    textColumn('kind', label('needKind'), (r) => t(`carnet.reports.needs.kinds.${r.kind}`)),
    figureColumn('carnets', label('handedOut'), (r) => r.carnets),
    figureColumn('usedCheques', label('usedCheques'), (r) => r.usedCheques),
    centsColumn('usedAmount', label('usedAmount'), (r) => r.usedCents),
  ];
  return (
    <TableReport
      name="needs"
      programmeId={programmeId}
      report="by-need"
      query={report}
      chart={
        rows.length > 0 ? (
          <RowBars
            rows={rows}
            category={(r) => needLabel(t, r)}
            value={(r) => r.carnets}
            label={label('handedOut')}
            colour={SERIES_COLOURS.orange}
          />
        ) : undefined
      }
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.kind}-${r.need}`}
    />
  );
};
