import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';

import type { IssuanceStatus } from '../choices';

const colours: Record<IssuanceStatus, ChipProps['color']> = {
  QUEUED: 'default',
  RUNNING: 'info',
  PRINTING: 'info',
  DONE: 'success',
  FAILED: 'error',
};

export const IssuanceStatusChip = ({ status }: { status: IssuanceStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={colours[status]}
      label={translate(`carnet.issuanceStatuses.${status}`)}
    />
  );
};
