import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type ServiceRow, useReport } from './reportData';
import { ReportSection } from './ReportSection';

/**
 * « Utilisation par service »: sessions, cheques and amounts per service of the national list
 * (its names are French already). `venue`: a venue's own, without the count of venues.
 */
export const ServiceUse = ({
  programmeId,
  venue = false,
}: {
  programmeId: string;
  venue?: boolean;
}) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-service');
  const rows = [...(report.data?.rows ?? [])].sort((a, b) => b.cheques - a.cheques);
  const title = t('carnet.reports.services.title');
  const columns: Column<ServiceRow>[] = [
    { key: 'service', label: t('carnet.reports.columns.service'), value: (r) => r.service },
    {
      key: 'redemptions',
      label: t('carnet.reports.columns.redemptions'),
      numeric: true,
      value: (r) => formatCount(r.redemptions),
    },
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
    ...(venue
      ? []
      : [
          {
            key: 'venues',
            label: t('carnet.reports.columns.venues'),
            numeric: true,
            value: (r: ServiceRow) => formatCount(r.venues),
          },
        ]),
  ];
  const sum = (pick: (r: ServiceRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
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
          total={
            rows.length > 1
              ? [
                  t('carnet.total'),
                  formatCount(sum((r) => r.redemptions)),
                  formatCount(sum((r) => r.cheques)),
                  formatCents(sum((r) => r.amountCents)),
                  ...(venue ? [] : ['']),
                ]
              : undefined
          }
          testId="table-services"
        />
      }
    />
  );
};
