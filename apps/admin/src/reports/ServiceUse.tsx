import { useTranslate } from 'react-admin';

import { RowBars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { type ServiceRow, useReport } from './reportData';
import { TableReport } from './TableReport';

/**
 * « Utilisation par service »: sessions, cheques and amounts per service of the national list
 * (its names are French already). A venue sees its own, without the count of venues; a commune
 * its residents' cheques, without sessions nor venues (read by the carnets' origin).
 */
export const ServiceUse = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-service');
  const scope = report.data?.scope.kind;
  const rows = [...(report.data?.rows ?? [])].sort((a, b) => b.cheques - a.cheques);
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const summed = { summed: true };
  const columns: Column<ServiceRow>[] = [
    textColumn('service', label('service'), (r) => r.service),
    ...(scope !== 'COMMUNE'
      ? [
          figureColumn<ServiceRow>(
            'redemptions',
            label('redemptions'),
            (r) => r.redemptions,
            summed,
          ),
        ]
      : []),
    figureColumn('cheques', label('usedCheques'), (r) => r.cheques, summed),
    centsColumn('amount', label('usedAmount'), (r) => r.amountCents, summed),
    // Venues are not summed: one venue offers several services.
    ...(scope === 'PROGRAMME'
      ? [figureColumn<ServiceRow>('venues', label('venues'), (r) => r.venues)]
      : []),
  ];
  return (
    <TableReport
      name="services"
      programmeId={programmeId}
      report="by-service"
      query={report}
      chart={
        rows.length > 0 ? (
          <RowBars
            rows={rows}
            category={(r) => r.service}
            value={(r) => r.cheques}
            label={label('usedCheques')}
            colour={SERIES_COLOURS.teal}
          />
        ) : undefined
      }
      columns={columns}
      rows={rows}
      rowKey={(r) => r.service}
      total={rows.length > 1}
    />
  );
};
