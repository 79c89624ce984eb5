import { useTranslate } from 'react-admin';

import { formatBasisPoints, formatCents } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { centsColumn, figureColumn, textColumn } from './columns';
import type { Column } from './DataTable';
import { type FunderRow, useReport } from './reportData';
import { funderKindLabel } from './reportFormat';
import { TableReport } from './TableReport';

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
  const label = (key: string) => t(`carnet.reports.columns.${key}`);
  const summed = { summed: true };
  const columns: Column<FunderRow>[] = [
    textColumn('funder', label('funder'), (r) => r.funderName),
    textColumn('kind', label('funderKind'), (r) => funderKindLabel(t, r.kind)),
    figureColumn('share', label('share'), (r) => r.basisPoints, {
      ...summed,
      format: formatBasisPoints,
    }),
    centsColumn('budget', label('budget'), (r) => r.budgetCents, summed),
    centsColumn('committed', label('committed'), (r) => r.committedCents, summed),
    centsColumn('redeemed', label('redeemed'), (r) => r.redeemedCents, summed),
    centsColumn('paid', label('paid'), (r) => r.paidCents, summed),
  ];
  return (
    <TableReport
      name="funders"
      programmeId={programmeId}
      report="by-funder"
      query={report}
      chart={
        <Bars
          categories={rows.map((r) => r.funderName)}
          axisFormat={(cents) => compactEuros.format(cents / 100)}
          series={[
            {
              label: label('committed'),
              data: rows.map((r) => r.committedCents),
              colour: SERIES_COLOURS.grey,
              format: formatCents,
            },
            {
              label: label('redeemed'),
              data: rows.map((r) => r.redeemedCents),
              colour: SERIES_COLOURS.blue,
              format: formatCents,
            },
            {
              label: label('paid'),
              data: rows.map((r) => r.paidCents),
              colour: SERIES_COLOURS.green,
              format: formatCents,
            },
          ]}
        />
      }
      columns={columns}
      rows={rows}
      rowKey={(r) => r.funderId}
      total
    />
  );
};
