import type { Schemas } from '@carnet/api-client';
import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

import type { BankAccountStatus, QualificationStatus } from '../choices';

type Venue = Schemas['VenueResponseDto'];

const qualificationColours: Record<QualificationStatus, ChipProps['color']> = {
  APPLIED: 'info',
  UNDER_REVIEW: 'warning',
  QUALIFIED: 'success',
  SUSPENDED: 'error',
  WITHDRAWN: 'default',
};

const bankAccountColours: Record<BankAccountStatus, ChipProps['color']> = {
  PENDING: 'warning',
  VERIFIED: 'success',
  REJECTED: 'error',
};

export const QualificationStatusChip = ({ status }: { status: QualificationStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={qualificationColours[status]}
      label={translate(`carnet.qualificationStatuses.${status}`)}
    />
  );
};

/** The venue's qualification status, for lists and show pages. */
export const QualificationStatusField = (_props: { label?: string }) => {
  const record = useRecordContext<Venue>();
  if (!record) return null;
  return <QualificationStatusChip status={record.qualificationStatus} />;
};

export const BankAccountStatusChip = ({ status }: { status: BankAccountStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      sx={{ width: 'fit-content' }}
      color={bankAccountColours[status]}
      label={translate(`carnet.bankAccountStatuses.${status}`)}
    />
  );
};
