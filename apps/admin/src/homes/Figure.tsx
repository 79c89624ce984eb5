import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

import { formatCount } from '../money';

/**
 * One figure of a home: a big number (or an amount already written out, « 120,00 € »), what it
 * counts, and optional detail lines under it.
 */
export const Figure = ({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: number | string;
  testId?: string;
  children?: ReactNode;
}) => (
  <Card variant="outlined" data-testid={testId} sx={{ height: '100%' }}>
    <CardContent>
      <Typography variant="h4" component="p" sx={{ fontWeight: 600 }}>
        {typeof value === 'number' ? formatCount(value) : value}
      </Typography>
      <Typography variant="body2" component="p">
        {label}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** Figures side by side on a large screen, one under another on a phone. */
export const figureGridSx = {
  display: 'grid',
  gap: 2,
  gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' },
  my: 2,
} as const;
