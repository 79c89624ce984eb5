import CancelIcon from '@mui/icons-material/Cancel';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';

/**
 * « Vérifier » / « Refuser » for a venue's pending bank details (finance officers). The API
 * refuses the officer who entered them (four-eyes rule): its refusal stays shown under the
 * buttons, in French, until the next try.
 */
export const BankAccountDecision = ({
  venueId,
  venueName,
}: {
  venueId: string;
  venueName: string;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const decide = async (status: 'VERIFIED' | 'REJECTED') => {
    setPending(true);
    setRefusal(undefined);
    try {
      await dataProvider.decideBankAccount(
        venueId,
        status === 'REJECTED' ? { status, reason: reason.trim() } : { status },
      );
      notify(
        status === 'VERIFIED' ? 'carnet.bankAccounts.verified' : 'carnet.bankAccounts.rejected',
        {
          type: 'success',
        },
      );
      setRejecting(false);
      setReason('');
      refresh();
    } catch (error) {
      setRejecting(false);
      setRefusal(error instanceof Error ? error.message : translate('ra.notification.http_error'));
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  const submitRejection = (event: FormEvent) => {
    event.preventDefault();
    void decide('REJECTED');
  };

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1}>
        <Button
          size="small"
          variant="contained"
          color="success"
          startIcon={<VerifiedIcon />}
          disabled={pending}
          onClick={() => void decide('VERIFIED')}
        >
          {translate('carnet.bankAccounts.verify')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          color="error"
          startIcon={<CancelIcon />}
          disabled={pending}
          onClick={() => setRejecting(true)}
        >
          {translate('carnet.bankAccounts.reject')}
        </Button>
      </Stack>
      {refusal && (
        <Alert severity="error" data-testid="bank-account-refusal">
          {refusal}
        </Alert>
      )}
      <Dialog open={rejecting} onClose={() => setRejecting(false)} maxWidth="sm" fullWidth>
        <form onSubmit={submitRejection}>
          <DialogTitle>
            {translate('carnet.bankAccounts.rejectTitle', { venue: venueName })}
          </DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              required
              fullWidth
              multiline
              margin="dense"
              name="reason"
              label={translate('carnet.bankAccounts.reason')}
              helperText={translate('carnet.bankAccounts.reasonRequired')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRejecting(false)}>{translate('ra.action.cancel')}</Button>
            <Button
              type="submit"
              variant="contained"
              color="error"
              disabled={pending || !reason.trim()}
            >
              {translate('carnet.bankAccounts.reject')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Stack>
  );
};
