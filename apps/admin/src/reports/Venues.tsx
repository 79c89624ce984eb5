import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { type Column, DataTable } from './DataTable';
import { useReport, type VenueRow } from './reportData';
import { ReportSection } from './ReportSection';

/** « Lieux de médiation »: each venue's redemptions, services, amounts and what it was paid. */
export const Venues = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-venue');
  const rows = report.data?.rows ?? [];
  const title = t('carnet.reports.venues.title');
  const count = (pick: (r: VenueRow) => number) => ({
    value: (r: VenueRow) => formatCount(pick(r)),
    sortValue: pick,
    numeric: true,
  });
  const cents = (pick: (r: VenueRow) => number) => ({
    value: (r: VenueRow) => formatCents(pick(r)),
    sortValue: pick,
    numeric: true,
  });
  const columns: Column<VenueRow>[] = [
    {
      key: 'name',
      label: t('carnet.reports.columns.venue'),
      value: (r) => r.name,
      sortValue: (r) => r.name,
    },
    {
      key: 'commune',
      label: t('carnet.reports.columns.commune'),
      value: (r) => r.communeName,
      sortValue: (r) => r.communeName,
    },
    {
      key: 'redemptions',
      label: t('carnet.reports.columns.redemptions'),
      ...count((r) => r.redemptions),
    },
    {
      key: 'participants',
      label: t('carnet.reports.columns.participants'),
      ...count((r) => r.participants),
    },
    { key: 'cheques', label: t('carnet.reports.columns.usedCheques'), ...count((r) => r.cheques) },
    {
      key: 'services',
      label: t('carnet.reports.columns.serviceCount'),
      ...count((r) => r.services),
    },
    {
      key: 'amount',
      label: t('carnet.reports.columns.usedAmount'),
      ...cents((r) => r.amountCents),
    },
    { key: 'paid', label: t('carnet.reports.columns.paid'), ...cents((r) => r.paidCents) },
  ];
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.venues.description')}
      programmeId={programmeId}
      report="by-venue"
      isPending={report.isPending}
      error={report.error}
      testId="report-venues"
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.venueId}
          testId="table-venues"
        />
      }
    />
  );
};
