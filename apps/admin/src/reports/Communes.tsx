import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { CommuneMap } from './CommuneMap';
import { type Column, DataTable } from './DataTable';
import { type CommuneRow, useReport } from './reportData';
import { formatDays, formatDecimal, formatRate } from './reportFormat';
import { ReportSection } from './ReportSection';

/**
 * « Communes »: stock, hand-outs and use per commune of residence, per 1,000 inhabitants too,
 * as a table (sortable, to find a commune lagging behind) and on a map. A référent sees its own
 * commune's line, without a map.
 */
export const Communes = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-commune');
  const rows = report.data?.rows ?? [];
  const title = t('carnet.reports.communes.title');
  const located = rows.filter((r) => r.latitude !== null && r.longitude !== null);
  const count = (pick: (r: CommuneRow) => number) => ({
    value: (r: CommuneRow) => formatCount(pick(r)),
    sortValue: pick,
    numeric: true,
  });
  const columns: Column<CommuneRow>[] = [
    {
      key: 'commune',
      label: t('carnet.reports.columns.commune'),
      value: (r) => r.communeName,
      sortValue: (r) => r.communeName,
    },
    {
      key: 'population',
      label: t('carnet.reports.columns.population'),
      numeric: true,
      value: (r) => formatCount(r.population),
      sortValue: (r) => r.population,
    },
    {
      key: 'allocated',
      label: t('carnet.reports.columns.allocated'),
      ...count((r) => r.allocated),
    },
    { key: 'received', label: t('carnet.reports.columns.received'), ...count((r) => r.received) },
    { key: 'stock', label: t('carnet.reports.columns.stock'), ...count((r) => r.stock) },
    {
      key: 'handedOut',
      label: t('carnet.reports.columns.handedOut'),
      ...count((r) => r.handedOut),
    },
    {
      key: 'handedOutPer1000',
      label: t('carnet.reports.columns.handedOutPer1000'),
      numeric: true,
      value: (r) => formatDecimal(r.handedOutPer1000),
      sortValue: (r) => r.handedOutPer1000,
    },
    {
      key: 'households',
      label: t('carnet.reports.columns.households'),
      ...count((r) => r.households),
    },
    { key: 'started', label: t('carnet.reports.columns.started'), ...count((r) => r.started) },
    {
      key: 'usedCheques',
      label: t('carnet.reports.columns.usedCheques'),
      ...count((r) => r.usedCheques),
    },
    {
      key: 'usedChequesPer1000',
      label: t('carnet.reports.columns.usedChequesPer1000'),
      numeric: true,
      value: (r) => formatDecimal(r.usedChequesPer1000),
      sortValue: (r) => r.usedChequesPer1000,
    },
    {
      key: 'usedAmount',
      label: t('carnet.reports.columns.usedAmount'),
      numeric: true,
      value: (r) => formatCents(r.usedCents),
      sortValue: (r) => r.usedCents,
    },
    {
      key: 'rate',
      label: t('carnet.reports.columns.rate'),
      numeric: true,
      value: (r) => formatRate(r.redemptionRate),
      sortValue: (r) => r.redemptionRate,
    },
    {
      key: 'firstUse',
      label: t('carnet.reports.columns.firstUseMedian'),
      numeric: true,
      value: (r) => formatDays(t, r.firstUseMedianDays),
      sortValue: (r) => r.firstUseMedianDays,
    },
  ];
  const sum = (pick: (r: CommuneRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const table = (
    <DataTable
      label={title}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.inseeCode}
      total={
        rows.length > 1
          ? [
              t('carnet.total'),
              formatCount(sum((r) => r.population)),
              formatCount(sum((r) => r.allocated)),
              formatCount(sum((r) => r.received)),
              formatCount(sum((r) => r.stock)),
              formatCount(sum((r) => r.handedOut)),
              '',
              formatCount(sum((r) => r.households)),
              formatCount(sum((r) => r.started)),
              formatCount(sum((r) => r.usedCheques)),
              '',
              formatCents(sum((r) => r.usedCents)),
              '',
              '',
            ]
          : undefined
      }
      testId="table-communes"
    />
  );
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.communes.description')}
      programmeId={programmeId}
      report="by-commune"
      isPending={report.isPending}
      error={report.error}
      testId="report-communes"
      chart={located.length > 1 ? <CommuneMap rows={rows} /> : undefined}
      tableOpen
      table={table}
    />
  );
};
