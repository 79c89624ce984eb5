import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type ServiceRow, useReport } from './reportData';
import { ReportSection } from './ReportSection';

const count = (value: number | null) => (value === null ? '' : formatCount(value));

/**
 * « Utilisation par service »: sessions, cheques and amounts per service of the national list
 * (its names are French already). A venue sees its own, without the count of venues; a commune
 * its residents' cheques, without sessions nor venues (read by the carnets' origin).
 */
export const ServiceUse = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-service');
  const scope = report.data?.scope.kind;
  const withSessions = scope !== 'COMMUNE';
  const withVenues = scope === 'PROGRAMME';
  const rows = [...(report.data?.rows ?? [])].sort((a, b) => b.cheques - a.cheques);
  const title = t('carnet.reports.services.title');
  const sum = (pick: (r: ServiceRow) => number | null) =>
    rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const columns: Column<ServiceRow>[] = [
    { key: 'service', label: t('carnet.reports.columns.service'), value: (r) => r.service },
  ];
  const total: string[] = [t('carnet.total')];
  if (withSessions) {
    columns.push({
      key: 'redemptions',
      label: t('carnet.reports.columns.redemptions'),
      numeric: true,
      value: (r) => count(r.redemptions),
    });
    total.push(formatCount(sum((r) => r.redemptions)));
  }
  columns.push(
    {
      key: 'cheques',
      label: t('carnet.reports.columns.usedCheques'),
      numeric: true,
      value: (r) => formatCount(r.cheques),
    },
    {
      key: 'amount',
      label: t('carnet.reports.columns.usedAmount'),
      numeric: true,
      value: (r) => formatCents(r.amountCents),
    },
  );
  total.push(formatCount(sum((r) => r.cheques)), formatCents(sum((r) => r.amountCents)));
  if (withVenues) {
    columns.push({
      key: 'venues',
      label: t('carnet.reports.columns.venues'),
      numeric: true,
      value: (r) => count(r.venues),
    });
    // Venues are not summed: one venue offers several services.
    total.push('');
  }
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.services.description')}
      programmeId={programmeId}
      report="by-service"
      isPending={report.isPending}
      error={report.error}
      testId="report-services"
      chart={
        rows.length > 0 ? (
          <Bars
            categories={rows.map((r) => r.service)}
            series={[
              {
                label: t('carnet.reports.columns.usedCheques'),
                data: rows.map((r) => r.cheques),
                colour: SERIES_COLOURS.teal,
              },
            ]}
          />
        ) : undefined
      }
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.service}
          total={rows.length > 1 ? total : undefined}
          testId="table-services"
        />
      }
    />
  );
};
