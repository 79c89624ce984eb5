import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { type Column, DataTable } from './DataTable';
import { type PrescriberRow, useReport } from './reportData';
import { formatDays, formatRate, prescriberTypeLabel } from './reportFormat';
import { ReportSection } from './ReportSection';

/**
 * « Structures prescriptrices »: each structure's stock, hand-outs and what became of them. A
 * référent sees its commune's structures by name, and « Autres structures » for the carnets its
 * residents received elsewhere.
 */
export const Prescribers = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-prescriber');
  const rows = report.data?.rows ?? [];
  const title = t('carnet.reports.prescribers.title');
  const count = (pick: (r: PrescriberRow) => number) => ({
    value: (r: PrescriberRow) => formatCount(pick(r)),
    sortValue: pick,
    numeric: true,
  });
  const columns: Column<PrescriberRow>[] = [
    {
      key: 'name',
      label: t('carnet.reports.columns.prescriber'),
      value: (r) => r.name,
      sortValue: (r) => r.name,
    },
    {
      key: 'type',
      label: t('carnet.reports.columns.prescriberType'),
      value: (r) => (r.type === null ? '—' : prescriberTypeLabel(t, r.type)),
      sortValue: (r) => (r.type === null ? null : prescriberTypeLabel(t, r.type)),
    },
    {
      key: 'commune',
      label: t('carnet.reports.columns.commune'),
      value: (r) => r.communeName ?? '—',
      sortValue: (r) => r.communeName,
    },
    {
      key: 'stock',
      label: t('carnet.reports.columns.stock'),
      numeric: true,
      value: (r) => (r.stock === null ? '—' : formatCount(r.stock)),
      sortValue: (r) => r.stock,
    },
    {
      key: 'handedOut',
      label: t('carnet.reports.columns.handedOut'),
      ...count((r) => r.handedOut),
    },
    {
      key: 'households',
      label: t('carnet.reports.columns.households'),
      ...count((r) => r.households),
    },
    { key: 'started', label: t('carnet.reports.columns.started'), ...count((r) => r.started) },
    {
      key: 'completed',
      label: t('carnet.reports.columns.completed'),
      ...count((r) => r.completed),
    },
    {
      key: 'usedCheques',
      label: t('carnet.reports.columns.usedCheques'),
      ...count((r) => r.usedCheques),
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
    {
      key: 'firstUseP90',
      label: t('carnet.reports.columns.firstUseP90'),
      numeric: true,
      value: (r) => formatDays(t, r.firstUseP90Days),
      sortValue: (r) => r.firstUseP90Days,
    },
  ];
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.prescribers.description')}
      programmeId={programmeId}
      report="by-prescriber"
      isPending={report.isPending}
      error={report.error}
      testId="report-prescribers"
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.prescriberId ?? 'others'}
          testId="table-prescribers"
        />
      }
    />
  );
};
