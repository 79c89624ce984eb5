import type { Schemas } from '@carnet/api-client';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  HttpError,
  Loading,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

import { formatDateTime } from '../dates';
import type { CarnetDataProvider } from '../dataProvider';
import { useNotifyError } from '../useNotifyError';
import type { VenueParts } from '../venueData';
import { BankAccountDecision } from './BankAccountDecision';
import { BankAccountStatusChip } from './QualificationStatusChip';

type Venue = Schemas['VenueResponseDto'];
type BankAccounts = VenueParts['venue-bank-accounts'];
type BankAccount = Schemas['BankAccountResponseDto'];
type SetBankAccountDto = Schemas['SetBankAccountDto'];

const formatDate = (value: string | null): string => (value ? formatDateTime(value) : '—');

/**
 * The venue's bank details: the version in force with its status, the finance officers'
 * decision, a form to enter new details (a new PENDING version) and the RIB, the history.
 */
export const BankAccountTab = (_props: { label?: false }) => {
  const venue = useRecordContext<Venue>();
  const translate = useTranslate();
  const { canAccess: mayEnter } = useCanAccess({ resource: 'venues', action: 'bankAccount' });
  const { canAccess: mayVerify } = useCanAccess({
    resource: 'venues',
    action: 'verifyBankAccount',
  });
  const { data, isPending, error } = useGetOne<BankAccounts>(
    'venue-bank-accounts',
    { id: venue?.id ?? '' },
    { enabled: venue !== undefined },
  );
  if (!venue) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const { current } = data;
  const pending = current?.status === 'PENDING';

  return (
    <Stack spacing={3}>
      <Paper variant="outlined" sx={{ p: 2, maxWidth: 900 }} data-testid="bank-account-current">
        <Typography variant="subtitle1" gutterBottom>
          {translate('carnet.bankAccounts.current')}
        </Typography>
        {current ? (
          <Stack spacing={1}>
            <CurrentAccount account={current} />
            {pending && (
              <Typography variant="body2" color="textSecondary">
                {translate('carnet.bankAccounts.pendingNote')}
              </Typography>
            )}
            {pending && mayEnter && (
              <RibUpload venueId={venue.id} hasDocument={current.hasDocument} />
            )}
            {pending && mayVerify && (
              <BankAccountDecision venueId={venue.id} venueName={venue.name} account={current} />
            )}
          </Stack>
        ) : (
          <Typography variant="body2">{translate('carnet.bankAccounts.none')}</Typography>
        )}
      </Paper>
      {mayEnter && <BankAccountForm venueId={venue.id} />}
      {data.history.length > 0 && <BankAccountHistory history={data.history} />}
    </Stack>
  );
};

const Line = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2}>
      <Typography variant="body2" color="textSecondary" sx={{ minWidth: 140 }}>
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Stack>
  );
};

const field = (name: string) => `resources.pending-bank-accounts.fields.${name}`;

const CurrentAccount = ({ account }: { account: BankAccount }) => {
  const translate = useTranslate();
  return (
    <>
      <Line label={field('status')}>
        <BankAccountStatusChip status={account.status} />
      </Line>
      <Line label={field('holderName')}>{account.holderName}</Line>
      <Line label={field('iban')}>
        <Box component="span" sx={{ fontFamily: 'monospace' }}>
          {account.iban}
        </Box>
      </Line>
      <Line label={field('bic')}>{account.bic}</Line>
      <Line label={field('hasDocument')}>
        {translate(
          account.hasDocument
            ? 'carnet.bankAccounts.hasDocument'
            : 'carnet.bankAccounts.noDocument',
        )}
      </Line>
      <Line label={field('enteredAt')}>{formatDate(account.enteredAt)}</Line>
      {account.decidedAt && <Line label={field('decidedAt')}>{formatDate(account.decidedAt)}</Line>}
      {account.decisionReason && (
        <Line label={field('decisionReason')}>{account.decisionReason}</Line>
      )}
    </>
  );
};

/** Field errors of the API (INVALID_IBAN, INVALID_BIC…), keyed by field by problem.ts. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof HttpError)) return {};
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  return Object.fromEntries(
    Object.entries(errors).flatMap(([name, message]) =>
      typeof message === 'string' ? [[name, message]] : [],
    ),
  );
}

const emptyDetails: SetBankAccountDto = { holderName: '', iban: '', bic: '' };

const BankAccountForm = ({ venueId }: { venueId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [details, setDetails] = useState<SetBankAccountDto>(emptyDetails);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      await dataProvider.setBankAccount(venueId, {
        holderName: details.holderName.trim(),
        iban: details.iban.trim(),
        bic: details.bic.trim(),
      });
      notify('carnet.bankAccounts.saved', { type: 'success' });
      setDetails(emptyDetails);
      refresh();
    } catch (error) {
      // A refused field is said under it; any other failure, once, as a notification.
      const errors = fieldErrors(error);
      setErrors(errors);
      if (Object.keys(errors).length === 0) notifyError(error);
    } finally {
      setPending(false);
    }
  };

  const input = (name: keyof SetBankAccountDto) => ({
    name,
    label: translate(field(name)),
    value: details[name],
    onChange: (event: { target: { value: string } }) =>
      setDetails((previous) => ({ ...previous, [name]: event.target.value })),
    error: errors[name] !== undefined,
    helperText: errors[name],
  });

  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 900 }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack spacing={2}>
          <Typography variant="subtitle1">{translate('carnet.bankAccounts.enter')}</Typography>
          <Typography variant="body2" color="textSecondary">
            {translate('carnet.bankAccounts.enterHelp')}
          </Typography>
          <TextField required fullWidth {...input('holderName')} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              required
              fullWidth
              {...input('iban')}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
            <TextField
              required
              sx={{ minWidth: 200 }}
              {...input('bic')}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
          </Stack>
          <Box>
            <Button
              type="submit"
              variant="contained"
              disabled={
                pending || !details.holderName.trim() || !details.iban.trim() || !details.bic.trim()
              }
            >
              {translate('carnet.bankAccounts.save')}
            </Button>
          </Box>
        </Stack>
      </form>
    </Paper>
  );
};

/** Attaches the RIB (PDF) to the pending bank details. */
const RibUpload = ({ venueId, hasDocument }: { venueId: string; hasDocument: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [pending, setPending] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setPending(true);
    try {
      await dataProvider.attachRib(venueId, file);
      notify('carnet.bankAccounts.ribUploaded', { type: 'success' });
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Box>
      <Button
        component="label"
        size="small"
        variant={hasDocument ? 'text' : 'outlined'}
        startIcon={<UploadFileIcon />}
        disabled={pending}
      >
        {translate('carnet.bankAccounts.uploadRib')}
        <input
          hidden
          type="file"
          name="rib"
          accept=".pdf,application/pdf"
          onChange={(event) => {
            void upload(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </Button>
    </Box>
  );
};

const BankAccountHistory = ({ history }: { history: BankAccount[] }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="subtitle1" gutterBottom>
        {translate('carnet.bankAccounts.history')}
      </Typography>
      <Table size="small" aria-label={translate('carnet.bankAccounts.history')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(field('enteredAt'))}</TableCell>
            <TableCell>{translate(field('holderName'))}</TableCell>
            <TableCell>{translate(field('iban'))}</TableCell>
            <TableCell>{translate(field('bic'))}</TableCell>
            <TableCell>{translate(field('status'))}</TableCell>
            <TableCell>{translate(field('decidedAt'))}</TableCell>
            <TableCell>{translate(field('decisionReason'))}</TableCell>
            <TableCell>{translate('carnet.bankAccounts.validity')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {history.map((account) => (
            <TableRow key={account.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(account.enteredAt)}</TableCell>
              <TableCell>{account.holderName}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{account.iban}</TableCell>
              <TableCell>{account.bic}</TableCell>
              <TableCell>
                <BankAccountStatusChip status={account.status} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(account.decidedAt)}</TableCell>
              <TableCell>{account.decisionReason ?? '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatDate(account.validFrom)} →{' '}
                {account.validTo ? formatDate(account.validTo) : '…'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
