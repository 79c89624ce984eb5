import type { Schemas } from '@carnet/api-client';
import { Alert, AlertTitle, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Labeled, useCanAccess, useTranslate } from 'react-admin';

import { formatDateTime, formatLongDay } from '../dates';
import { ChequeStatusChip } from '../carnets/StatusChips';
import { formatCents } from '../money';
import { CancelChequeButton } from './CancelChequeButton';
import { UnlockChequeButton } from './UnlockChequeButton';

type ChequeCheck = Schemas['ChequeCheckResponseDto'];

const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label}>
    <Typography component="span" variant="body2">
      {children}
    </Typography>
  </Labeled>
);

/** Whether the cheque may be accepted here, and if not why, in French. */
const Verdict = ({ cheque }: { cheque: ChequeCheck }) => {
  const translate = useTranslate();
  if (cheque.payableHere) {
    return <Alert severity="success">{translate('carnet.chequeCheck.payable')}</Alert>;
  }
  const reason = cheque.reason
    ? translate(`carnet.notPayableReasons.${cheque.reason}`)
    : translate('carnet.chequeCheck.notPayable');
  // The programme owner is no venue: for it, a valid cheque is « valable », not refused.
  if (cheque.reason === 'NOT_A_VENUE') return <Alert severity="info">{reason}</Alert>;
  return (
    <Alert severity="error">
      <AlertTitle>{translate('carnet.chequeCheck.notPayable')}</AlertTitle>
      {reason}
    </Alert>
  );
};

const UNUSED: ReadonlySet<ChequeCheck['status']> = new Set(['ISSUED', 'DISTRIBUTED']);

/** What the check answered: the cheque's value, validity, programme and verdict. */
export const ChequeResult = ({
  cheque,
  onChanged,
}: {
  cheque: ChequeCheck;
  onChanged: () => void;
}) => {
  const translate = useTranslate();
  const { canAccess: mayCancel } = useCanAccess({ resource: 'cheques', action: 'cancel' });
  const { canAccess: mayUnlock } = useCanAccess({ resource: 'cheques', action: 'unlock' });
  return (
    <Card variant="outlined" data-testid="cheque-result">
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="p" sx={{ fontFamily: 'monospace' }}>
              {cheque.formattedNumber}
            </Typography>
            <Box data-testid="cheque-status">
              <ChequeStatusChip status={cheque.status} />
            </Box>
          </Stack>
          <Verdict cheque={cheque} />
          {cheque.lockedAt && (
            <Alert severity="warning" data-testid="cheque-locked">
              {translate('carnet.chequeCheck.locked', {
                since: formatDateTime(cheque.lockedAt),
              })}
              {mayUnlock && (
                <Box sx={{ mt: 1 }}>
                  <UnlockChequeButton cheque={cheque} onUnlocked={onChanged} />
                </Box>
              )}
            </Alert>
          )}
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
              gap: 2,
            }}
          >
            <Item label="carnet.chequeCheck.value">{formatCents(cheque.faceValueCents)}</Item>
            <Item label="carnet.chequeCheck.validUntil">{formatLongDay(cheque.validUntil)}</Item>
            <Item label="carnet.chequeCheck.programme">{cheque.programme.name}</Item>
            <Item label="carnet.chequeCheck.carnet">{cheque.carnetSerial}</Item>
            {cheque.cancellationReason && (
              <Item label="carnet.carnets.reason">
                {translate(`carnet.cancellationReasons.${cheque.cancellationReason}`)}
              </Item>
            )}
          </Box>
          {mayCancel && UNUSED.has(cheque.status) && (
            <Box>
              <CancelChequeButton cheque={cheque} onCancelled={onChanged} />
            </Box>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
