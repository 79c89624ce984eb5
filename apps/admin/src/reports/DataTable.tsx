import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
} from '@mui/material';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';

import { totalRowSx } from '../tables';

export interface Column<R> {
  /** Unique among the columns; also the cell's `data-column`, for tests. */
  key: string;
  label: string;
  /** Right-aligned figures, on one line. */
  numeric?: boolean;
  /** Short text kept on one line (a month). */
  nowrap?: boolean;
  value: (row: R) => ReactNode;
  /** Makes the column sortable by this value (nulls last). */
  sortValue?: (row: R) => number | string | null;
}

type Order = { key: string; direction: 'asc' | 'desc' } | null;

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'fr');
}

/**
 * The figures behind a chart, or a report that is a table only. Its first column heads each row;
 * columns with a `sortValue` sort on a click of their header. Wider than the screen (a phone), it
 * scrolls sideways in its own box, which the keyboard can reach (tabIndex) and which screen
 * readers name.
 */
export function DataTable<R>({
  label,
  columns,
  rows,
  rowKey,
  total,
  testId,
}: {
  label: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** The totals row, cell by cell in the columns' order (its first cell says « Total »). */
  total?: ReactNode[];
  testId?: string;
}) {
  const translate = useTranslate();
  const [order, setOrder] = useState<Order>(null);
  const sorted = useMemo(() => {
    const column = order && columns.find((c) => c.key === order.key);
    if (!order || !column?.sortValue) return rows;
    const value = column.sortValue;
    const sign = order.direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const [va, vb] = [value(a), value(b)];
      // Nulls stay last whichever the direction.
      if (va === null || vb === null) return compare(va, vb);
      return sign * compare(va, vb);
    });
  }, [rows, columns, order]);

  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" data-testid={testId}>
        {translate('carnet.reports.noRows')}
      </Typography>
    );
  }
  const sortBy = (column: Column<R>) =>
    setOrder((current) =>
      current?.key === column.key
        ? { key: column.key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : // Figures first from the largest, names from A.
          { key: column.key, direction: column.numeric ? 'desc' : 'asc' },
    );
  return (
    <TableContainer
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      sx={{ maxWidth: '100%', maxHeight: 560 }}
    >
      <Table size="small" stickyHeader aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((column) => {
              const active = order?.key === column.key;
              return (
                <TableCell
                  key={column.key}
                  align={column.numeric ? 'right' : 'left'}
                  aria-sort={
                    active ? (order.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                  sx={{ fontWeight: 600, verticalAlign: 'bottom' }}
                >
                  {column.sortValue ? (
                    <TableSortLabel
                      active={active}
                      direction={active ? order.direction : column.numeric ? 'desc' : 'asc'}
                      onClick={() => sortBy(column)}
                      sx={{ minHeight: 44 }}
                    >
                      {column.label}
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((row) => (
            <TableRow key={rowKey(row)} hover data-row={rowKey(row)}>
              {columns.map((column, index) => (
                <TableCell
                  key={column.key}
                  component={index === 0 ? 'th' : 'td'}
                  scope={index === 0 ? 'row' : undefined}
                  align={column.numeric ? 'right' : 'left'}
                  data-column={column.key}
                  sx={column.numeric || column.nowrap ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {column.value(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
          {total && (
            <TableRow sx={totalRowSx} data-row="total">
              {total.map((cell, index) => (
                <TableCell
                  key={columns[index]?.key ?? index}
                  component={index === 0 ? 'th' : 'td'}
                  scope={index === 0 ? 'row' : undefined}
                  align={columns[index]?.numeric ? 'right' : 'left'}
                  data-column={columns[index]?.key}
                  sx={{ whiteSpace: 'nowrap' }}
                >
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
