import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';

import type { BatchStatus, LineStatus } from '../choices';

const batchColours: Record<BatchStatus, ChipProps['color']> = {
  GENERATING: 'info',
  DRAFT: 'warning',
  APPROVED: 'info',
  EXPORTED: 'primary',
  PAID: 'success',
  PARTIALLY_PAID: 'warning',
};

const lineColours: Record<LineStatus, ChipProps['color']> = {
  PAYABLE: 'info',
  ON_HOLD: 'warning',
  PAID: 'success',
  REJECTED: 'error',
};

/** « À approuver », « Payé »…: a batch's status in French. */
export const BatchStatusChip = ({ status }: { status: BatchStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={batchColours[status]}
      label={translate(`carnet.batchStatuses.${status}`)}
      data-testid="batch-status"
    />
  );
};

/** « À payer », « En attente »…: a venue's line in a batch. */
export const LineStatusChip = ({ status }: { status: LineStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={lineColours[status]}
      label={translate(`carnet.batchLineStatuses.${status}`)}
      data-testid="line-status"
    />
  );
};
