import type { Schemas } from '@carnet/api-client';
import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

import type { CarnetStatus, ChequeStatus } from '../choices';

type Carnet = Schemas['CarnetResponseDto'];

const carnetColours: Record<CarnetStatus, ChipProps['color']> = {
  ACTIVE: 'success',
  CANCELLED: 'error',
};

const chequeColours: Record<ChequeStatus, ChipProps['color']> = {
  ISSUED: 'default',
  DISTRIBUTED: 'info',
  REDEEMED: 'primary',
  IN_BATCH: 'primary',
  REIMBURSED: 'success',
  CANCELLED: 'error',
  EXPIRED: 'warning',
};

export const CarnetStatusChip = ({ status }: { status: CarnetStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={carnetColours[status]}
      label={translate(`carnet.carnetStatuses.${status}`)}
    />
  );
};

/** The carnet's status, for lists and show pages. */
export const CarnetStatusField = (_props: { label?: string }) => {
  const record = useRecordContext<Carnet>();
  if (!record) return null;
  return <CarnetStatusChip status={record.status} />;
};

export const ChequeStatusChip = ({ status }: { status: ChequeStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={chequeColours[status]}
      label={translate(`carnet.chequeStatuses.${status}`)}
    />
  );
};
