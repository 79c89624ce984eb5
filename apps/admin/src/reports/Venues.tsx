import { useTranslate } from 'react-admin';

import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { useReport, type VenueRow } from './reportData';
import { TableReport } from './TableReport';

/**
 * « Lieux de médiation »: each venue's redemptions, services, amounts and what it was paid; a
 * commune sees its venues' activity, not their money (they are paid for every resident served).
 */
export const Venues = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-venue');
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const sortable = { sortable: true };
  const withMoney = report.data?.scope.kind !== 'COMMUNE';
  const columns: Column<VenueRow>[] = [
    textColumn('name', label('venue'), (r) => r.name, sortable),
    textColumn('commune', label('commune'), (r) => r.communeName, sortable),
    figureColumn('redemptions', label('redemptions'), (r) => r.redemptions, sortable),
    figureColumn('participants', label('participants'), (r) => r.participants, sortable),
    figureColumn('cheques', label('usedCheques'), (r) => r.cheques, sortable),
    figureColumn('services', label('serviceCount'), (r) => r.services, sortable),
    ...(withMoney
      ? [
          centsColumn<VenueRow>('amount', label('usedAmount'), (r) => r.amountCents, sortable),
          centsColumn<VenueRow>('paid', label('paid'), (r) => r.paidCents, sortable),
        ]
      : []),
  ];
  return (
    <TableReport
      name="venues"
      programmeId={programmeId}
      report="by-venue"
      query={report}
      columns={columns}
      rows={report.data?.rows ?? []}
      rowKey={(r) => r.venueId}
    />
  );
};
