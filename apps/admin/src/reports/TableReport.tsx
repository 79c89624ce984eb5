import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

import { type Column, DataTable } from './DataTable';
import type { ReportName } from './reportData';
import { ReportSection } from './ReportSection';

/**
 * A report of the dashboards whose figures are one table (sortable, with a totals row or not),
 * with a chart of them or not. Named `name`, it is titled and described by the French texts
 * `carnet.reports.<name>.title` and `.description`, and marked `report-<name>` (its section) and
 * `table-<name>` (its table) for tests; each screen declares only its columns, rows and chart.
 */
export function TableReport<R>({
  name,
  programmeId,
  report,
  query,
  description,
  chart,
  tableOpen,
  columns,
  rows,
  rowKey,
  total,
}: {
  name: string;
  programmeId: string;
  /** The report the export buttons download. */
  report: ReportName;
  /** The state of the request whose rows the table shows. */
  query: { isPending: boolean; error: Error | null };
  /** Instead of the report's usual description. */
  description?: ReactNode;
  chart?: ReactNode;
  tableOpen?: boolean;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  total?: boolean;
}) {
  const t = useTranslate();
  const title = t(`carnet.reports.${name}.title`);
  return (
    <ReportSection
      title={title}
      description={description ?? t(`carnet.reports.${name}.description`)}
      programmeId={programmeId}
      report={report}
      isPending={query.isPending}
      error={query.error}
      testId={`report-${name}`}
      chart={chart}
      tableOpen={tableOpen}
      table={
        <DataTable
          label={title}
          columns={columns}
          rows={rows}
          rowKey={rowKey}
          total={total}
          testId={`table-${name}`}
        />
      }
    />
  );
}
