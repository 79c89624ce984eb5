import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import {
  HttpError,
  useDataProvider,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { formatCents, formatCount } from '../money';
import type { ProgrammeParts } from '../programmeData';

type Programme = Schemas['ProgrammeResponseDto'];

interface Refusal {
  message: string;
  /** How many carnets still fit in the budget, when the API said so. */
  room?: number;
}

/**
 * ISSUANCE_EXCEEDS_BUDGET names the carnets that still fit in its field error on `count`
 * ("at most 12 carnets fit in the budget"): the number is worth showing, the words are English.
 */
function refusalOf(error: unknown, fallback: string): Refusal {
  const message = error instanceof Error && error.message ? error.message : fallback;
  if (!(error instanceof HttpError)) return { message };
  const body = error.body as { code?: string; errors?: Record<string, unknown> } | undefined;
  const count = body?.errors?.count;
  const room =
    body?.code === 'ISSUANCE_EXCEEDS_BUDGET' && typeof count === 'string'
      ? /(\d+)/.exec(count)?.[1]
      : undefined;
  return { message, room: room === undefined ? undefined : Number(room) };
}

/**
 * Issues N carnets of the programme, once the dialog has said what the run commits and the
 * manager confirmed. The API answers at once; the worker then writes the carnets and the print
 * files, which the runs table below follows. A refusal stays shown under the form (only there).
 */
export const IssueForm = ({ programme }: { programme: Programme }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [count, setCount] = useState('');
  const [cropMarks, setCropMarks] = useState(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const [confirming, setConfirming] = useState(false);

  const carnets = Number(count);
  const valid = /^\d+$/.test(count.trim()) && carnets >= 1;
  const cheques = carnets * programme.chequesPerCarnet;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setRefusal(undefined);
    setConfirming(true);
  };

  const submit = async () => {
    if (!valid) return;
    setConfirming(false);
    setPending(true);
    setRefusal(undefined);
    try {
      await dataProvider.issueCarnets(programme.id, carnets, cropMarks);
      notify('carnet.issuances.started', {
        type: 'success',
        messageArgs: { smart_count: carnets, count: formatCount(carnets) },
      });
      setCount('');
      refresh();
    } catch (error) {
      // Shown under the form (not as a notification) so that it stays while the count changes.
      setRefusal(refusalOf(error, translate('ra.notification.http_error')));
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 720 }}>
      <form onSubmit={ask} aria-label={translate('carnet.issuances.title')}>
        <Stack spacing={2}>
          <Typography variant="subtitle1">{translate('carnet.issuances.title')}</Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <TextField
              required
              name="count"
              label={translate('carnet.issuances.count')}
              value={count}
              onChange={(event) => {
                setCount(event.target.value);
                setRefusal(undefined);
              }}
              error={count !== '' && !valid}
              helperText={
                count !== '' && !valid
                  ? translate('carnet.issuances.wholeNumber')
                  : valid
                    ? translate('carnet.issuances.worth', {
                        cheques: formatCount(cheques),
                        face: formatCents(programme.faceValueCents),
                        value: formatCents(cheques * programme.faceValueCents),
                      })
                    : ' '
              }
              slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
              sx={{ minWidth: 220 }}
            />
            <Box sx={{ pt: 1 }}>
              <Button type="submit" variant="contained" disabled={pending || !valid}>
                {translate('carnet.issuances.submit')}
              </Button>
            </Box>
          </Stack>
          <Box>
            <FormControlLabel
              control={
                <Checkbox
                  name="cropMarks"
                  checked={cropMarks}
                  onChange={(event) => setCropMarks(event.target.checked)}
                />
              }
              label={translate('carnet.issuances.cropMarks')}
              sx={{ minHeight: 44 }}
            />
            <Typography variant="body2" color="textSecondary" id="crop-marks-help">
              {translate('carnet.issuances.cropMarksHelp')}
            </Typography>
          </Box>
          {refusal && (
            <Alert severity="error" data-testid="issue-refusal">
              {refusal.message}
              {refusal.room !== undefined && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  {translate('carnet.issuances.budgetRoom', {
                    smart_count: refusal.room,
                    count: formatCount(refusal.room),
                  })}
                </Typography>
              )}
            </Alert>
          )}
        </Stack>
      </form>
      {confirming && (
        <ConfirmIssue
          programme={programme}
          carnets={carnets}
          onConfirm={() => void submit()}
          onClose={() => setConfirming(false)}
        />
      )}
    </Paper>
  );
};

/**
 * What the run commits, before it is requested: carnets, cheques, value, and what remains of the
 * budget after it (the figures of GET /programmes/{id}/budget, read when the dialog opens: the
 * API checks the same sum, issued + this run ≤ budget, under a lock).
 */
const ConfirmIssue = ({
  programme,
  carnets,
  onConfirm,
  onClose,
}: {
  programme: Programme;
  carnets: number;
  onConfirm: () => void;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const { data: budget, error } = useGetOne<ProgrammeParts['budgets']>(
    'budgets',
    { id: programme.id },
    { staleTime: 0, gcTime: 0 },
  );
  const cheques = carnets * programme.chequesPerCarnet;
  const value = cheques * programme.faceValueCents;
  const remaining = budget ? budget.budgetCents - budget.issuedCents - value : undefined;
  return (
    <Dialog open onClose={onClose} aria-labelledby="issue-confirm-title" maxWidth="sm" fullWidth>
      <DialogTitle id="issue-confirm-title">
        {translate('carnet.issuances.confirmTitle', {
          smart_count: carnets,
          count: formatCount(carnets),
          cheques: formatCount(cheques),
          value: formatCents(value),
        })}
      </DialogTitle>
      <DialogContent>
        {error ? (
          <Alert severity="error">{error.message}</Alert>
        ) : !budget || remaining === undefined ? (
          <LinearProgress aria-label={translate('ra.page.loading')} />
        ) : remaining < 0 ? (
          <Alert severity="error" data-testid="issue-over-budget">
            {translate('carnet.issuances.overBudget', {
              over: formatCents(-remaining),
              remaining: formatCents(budget.budgetCents - budget.issuedCents),
            })}
          </Alert>
        ) : (
          <DialogContentText data-testid="issue-remaining">
            {translate('carnet.issuances.remainingAfter', { remaining: formatCents(remaining) })}
          </DialogContentText>
        )}
        {budget && (
          <DialogContentText variant="body2" sx={{ mt: 1 }}>
            {translate('carnet.issuances.budgetFigures', {
              budget: formatCents(budget.budgetCents),
              issued: formatCents(budget.issuedCents),
            })}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={remaining === undefined || remaining < 0}
          onClick={onConfirm}
        >
          {translate('carnet.issuances.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
