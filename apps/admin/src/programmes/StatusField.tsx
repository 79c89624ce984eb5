import type { Schemas } from '@carnet/api-client';
import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

import type { ProgrammeStatus } from '../choices';

type Programme = Schemas['ProgrammeResponseDto'];

const colours: Record<ProgrammeStatus, ChipProps['color']> = {
  DRAFT: 'warning',
  ACTIVE: 'success',
  CLOSED: 'default',
};

export const StatusField = (_props: { label?: string }) => {
  const record = useRecordContext<Programme>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={colours[record.status]}
      label={translate(`carnet.programmeStatuses.${record.status}`)}
    />
  );
};
