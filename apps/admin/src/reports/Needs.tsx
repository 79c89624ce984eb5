import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type NeedRow, useReport } from './reportData';
import { needLabel } from './reportFormat';
import { ReportSection } from './ReportSection';

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
  const title = t('carnet.reports.needs.title');
  const columns: Column<NeedRow>[] = [
    { key: 'need', label: t('carnet.reports.columns.need'), value: (r) => needLabel(t, r) },
    {
      key: 'kind',
      label: t('carnet.reports.columns.needKind'),
      value: (r) => t(`carnet.reports.needs.kinds.${r.kind}`),
    },
    {
      key: 'carnets',
      label: t('carnet.reports.columns.handedOut'),
      numeric: true,
      value: (r) => formatCount(r.carnets),
    },
    {
      key: 'usedCheques',
      label: t('carnet.reports.columns.usedCheques'),
      numeric: true,
      value: (r) => formatCount(r.usedCheques),
    },
    {
      key: 'usedAmount',
      label: t('carnet.reports.columns.usedAmount'),
      numeric: true,
      value: (r) => formatCents(r.usedCents),
    },
  ];
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.needs.description')}
      programmeId={programmeId}
      report="by-need"
      isPending={report.isPending}
      error={report.error}
      testId="report-needs"
      chart={
        rows.length > 0 ? (
          <Bars
            categories={rows.map((r) => needLabel(t, r))}
            series={[
              {
                label: t('carnet.reports.columns.handedOut'),
                data: rows.map((r) => r.carnets),
                colour: SERIES_COLOURS.orange,
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
          rowKey={(r) => `${r.kind}-${r.need}`}
          testId="table-needs"
        />
      }
    />
  );
};
