import type { Schemas } from '@carnet/api-client';
import CancelIcon from '@mui/icons-material/Cancel';
import VerifiedIcon from '@mui/icons-material/Verified';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useDataProvider, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';

type BankAccount = Schemas['BankAccountResponseDto'];

/**
 * Why the officer may not decide now, from what the screen has: no RIB to check the details
 * against (verifying only), or they entered the details themselves (the four-eyes rule, which
 * the API enforces too).
 */
function refusalsOf(account: BankAccount, userId: unknown): { verify: string[]; reject: string[] } {
  const fourEyes = userId !== undefined && userId === account.enteredBy ? ['fourEyes'] : [];
  return {
    verify: [...(account.hasDocument ? [] : ['noDocument']), ...fourEyes],
    reject: fourEyes,
  };
}

/** The RIB as a blob URL for the preview, loaded when the dialog opens and released after. */
function useRib(venueId: string, open: boolean): { url?: string; error?: unknown } {
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [state, setState] = useState<{ url?: string; error?: unknown }>({});
  useEffect(() => {
    if (!open) return;
    let url: string | undefined;
    let live = true;
    dataProvider.bankAccountDocument(venueId).then(
      ({ blob }) => {
        url = URL.createObjectURL(blob);
        if (live) setState({ url });
      },
      (error: unknown) => {
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      setState({});
    };
  }, [dataProvider, venueId, open]);
  return state;
}

const Detail = ({ label, value, mono }: { label: string; value: string; mono?: boolean }) => (
  <Box>
    <Typography variant="body2" color="textSecondary">
      {label}
    </Typography>
    <Typography variant="body1" sx={mono ? { fontFamily: 'monospace' } : undefined}>
      {value}
    </Typography>
  </Box>
);

/**
 * « Vérifier » / « Refuser » for a venue's pending bank details (finance officers). Verifying
 * shows the details beside the RIB and asks to confirm. A button the rules forbid (no RIB; the
 * officer entered the details) stays focusable (`aria-disabled`) with its reason written under
 * it, its accessible description, before any click. A failure is told once, as a notification.
 */
export const BankAccountDecision = ({
  venueId,
  venueName,
  account,
}: {
  venueId: string;
  venueName: string;
  account: BankAccount;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { identity } = useGetIdentity();
  const [verifying, setVerifying] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const rib = useRib(venueId, verifying);
  const reasonsId = useId();
  const titleId = useId();

  const refusals = refusalsOf(account, identity?.id);
  const reasons = [...new Set([...refusals.verify, ...refusals.reject])];

  const decide = async (status: 'VERIFIED' | 'REJECTED') => {
    setPending(true);
    try {
      // The details and the RIB on screen: refused (BANK_ACCOUNT_CHANGED) if the venue has
      // changed either since this page read them.
      const shown = { bankAccountId: account.id, documentId: account.documentId };
      await dataProvider.decideBankAccount(
        venueId,
        status === 'REJECTED' ? { status, reason: reason.trim(), ...shown } : { status, ...shown },
      );
      notify(
        status === 'VERIFIED' ? 'carnet.bankAccounts.verified' : 'carnet.bankAccounts.rejected',
        { type: 'success' },
      );
      setReason('');
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setVerifying(false);
      setRejecting(false);
      setPending(false);
    }
  };

  const submitRejection = (event: FormEvent) => {
    event.preventDefault();
    void decide('REJECTED');
  };

  const refusable = (refused: string[]) =>
    refused.length > 0
      ? {
          className: 'Mui-disabled',
          'aria-disabled': true,
          'aria-describedby': reasonsId,
        }
      : {};

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1}>
        <Button
          size="small"
          variant="contained"
          color="success"
          startIcon={<VerifiedIcon />}
          disabled={pending}
          onClick={() => {
            if (refusals.verify.length === 0) setVerifying(true);
          }}
          {...refusable(refusals.verify)}
        >
          {translate('carnet.bankAccounts.verify')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          color="error"
          startIcon={<CancelIcon />}
          disabled={pending}
          onClick={() => {
            if (refusals.reject.length === 0) setRejecting(true);
          }}
          {...refusable(refusals.reject)}
        >
          {translate('carnet.bankAccounts.reject')}
        </Button>
      </Stack>
      {reasons.length > 0 && (
        <Box id={reasonsId} data-testid="bank-account-refusal">
          {reasons.map((key) => (
            <Typography key={key} variant="body2" color="textSecondary">
              {translate(`carnet.bankAccounts.refusals.${key}`)}
            </Typography>
          ))}
        </Box>
      )}
      <Dialog
        open={verifying}
        onClose={() => setVerifying(false)}
        maxWidth="lg"
        fullWidth
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>
          {translate('carnet.bankAccounts.verifyTitle', { venue: venueName })}
        </DialogTitle>
        <DialogContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
            <Stack spacing={2} sx={{ minWidth: 260 }} data-testid="verify-details">
              <DialogContentText>
                {translate('carnet.bankAccounts.verifyContent')}
              </DialogContentText>
              <Detail
                label={translate('resources.pending-bank-accounts.fields.holderName')}
                value={account.holderName}
              />
              <Detail
                label={translate('resources.pending-bank-accounts.fields.iban')}
                value={account.iban}
                mono
              />
              <Detail
                label={translate('resources.pending-bank-accounts.fields.bic')}
                value={account.bic}
                mono
              />
              {rib.url && (
                <Link href={rib.url} target="_blank" rel="noopener">
                  {translate('carnet.bankAccounts.openDocument')}
                </Link>
              )}
            </Stack>
            <Box sx={{ flex: 1, minHeight: 480 }}>
              {rib.url ? (
                <Box
                  component="iframe"
                  src={rib.url}
                  title={translate('carnet.bankAccounts.document')}
                  data-testid="rib-preview"
                  sx={{ width: '100%', height: 520, border: 1, borderColor: 'divider' }}
                />
              ) : rib.error ? (
                <Alert severity="error">
                  {rib.error instanceof Error
                    ? rib.error.message
                    : translate('ra.notification.http_error')}
                </Alert>
              ) : (
                <Typography variant="body2">
                  {translate('carnet.bankAccounts.documentLoading')}
                </Typography>
              )}
            </Box>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setVerifying(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            color="success"
            disabled={pending || !rib.url}
            onClick={() => void decide('VERIFIED')}
          >
            {translate('carnet.bankAccounts.confirmVerify')}
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog
        open={rejecting}
        onClose={() => setRejecting(false)}
        maxWidth="sm"
        fullWidth
        aria-labelledby={`${titleId}-reject`}
      >
        <form onSubmit={submitRejection}>
          <DialogTitle id={`${titleId}-reject`}>
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
