import type { SxProps, Theme } from '@mui/material';

/** The totals row under a table: as legible as the lines above it, in bold. */
export const totalRowSx: SxProps<Theme> = {
  '& td': { fontWeight: 'bold', color: 'text.primary', fontSize: '0.875rem' },
};

/** Sorts records by a French name (É after E, not after Z), for lists sorted in the browser. */
export const byFrenchName = <R>(records: readonly R[] | undefined, name: (record: R) => string) =>
  records && [...records].sort((a, b) => name(a).localeCompare(name(b), 'fr'));
