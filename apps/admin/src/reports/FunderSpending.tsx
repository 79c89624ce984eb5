import { useTranslate } from 'react-admin';

import { formatBasisPoints, formatCents } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import { type FunderRow, useReport } from './reportData';
import { funderKindLabel } from './reportFormat';
import { ReportSection } from './ReportSection';

const compactEuros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  notation: 'compact',
});

/** « Dépenses par financeur »: each funder's share of the budget, committed, used and paid. */
export const FunderSpending = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-funder');
  const rows = report.data?.rows ?? [];
  const title = t('carnet.reports.funders.title');
  const columns: Column<FunderRow>[] = [
    { key: 'funder', label: t('carnet.reports.columns.funder'), value: (r) => r.funderName },
    {
      key: 'kind',
      label: t('carnet.reports.columns.funderKind'),
      value: (r) => funderKindLabel(t, r.kind),
    },
    {
      key: 'share',
      label: t('carnet.reports.columns.share'),
      numeric: true,
      value: (r) => formatBasisPoints(r.basisPoints),
    },
    {
      key: 'budget',
      label: t('carnet.reports.columns.budget'),
      numeric: true,
      value: (r) => formatCents(r.budgetCents),
    },
    {
      key: 'committed',
      label: t('carnet.reports.columns.committed'),
      numeric: true,
      value: (r) => formatCents(r.committedCents),
    },
    {
      key: 'redeemed',
      label: t('carnet.reports.columns.redeemed'),
      numeric: true,
      value: (r) => formatCents(r.redeemedCents),
    },
    {
      key: 'paid',
      label: t('carnet.reports.columns.paid'),
      numeric: true,
      value: (r) => formatCents(r.paidCents),
    },
  ];
  const sum = (pick: (r: FunderRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return (
    <ReportSection
      title={title}
      description={t('carnet.reports.funders.description')}
      programmeId={programmeId}
      report="by-funder"
      isPending={report.isPending}
      error={report.error}
      testId="report-funders"
      chart={
        <Bars
          categories={rows.map((r) => r.funderName)}
          axisFormat={(cents) => compactEuros.format(cents / 100)}
          series={[
            {
              label: t('carnet.reports.columns.committed'),
              data: rows.map((r) => r.committedCents),
              colour: SERIES_COLOURS.grey,
              format: formatCents,
            },
            {
              label: t('carnet.reports.columns.redeemed'),
              data: rows.map((r) => r.redeemedCents),
              colour: SERIES_COLOURS.blue,
              format: formatCents,
            },
            {
              label: t('carnet.reports.columns.paid'),
              data: rows.map((r) => r.paidCents),
              colour: SERIES_COLOURS.green,
              format: formatCents,
            },
          ]}
        />
      }
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.funderId}
          total={[
            t('carnet.total'),
            '',
            formatBasisPoints(sum((r) => r.basisPoints)),
            formatCents(sum((r) => r.budgetCents)),
            formatCents(sum((r) => r.committedCents)),
            formatCents(sum((r) => r.redeemedCents)),
            formatCents(sum((r) => r.paidCents)),
          ]}
          testId="table-funders"
        />
      }
    />
  );
};
