import PaymentsIcon from '@mui/icons-material/Payments';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Loading, useTranslate } from 'react-admin';

import { formatMonth } from '../homes/homeData';
import { formatCents } from '../money';
import { type Batch, type BatchLine, batchActions, type PaymentOutcome } from './batchData';
import { todayInFrance } from './batchRules';
import { useBatchCall } from './useBatchCall';

/** What the officer says of a line: nothing yet, paid on a day, or rejected for a reason. */
interface Decision {
  outcome: '' | 'PAID' | 'REJECTED';
  paidOn: string;
  reason: string;
}

const UNDECIDED: Decision = { outcome: '', paidOn: '', reason: '' };

/** The outcomes to send: decided lines only, each complete. Null when one is incomplete. */
function outcomesOf(decisions: Record<string, Decision>): PaymentOutcome[] | null {
  const outcomes: PaymentOutcome[] = [];
  for (const [lineId, decision] of Object.entries(decisions)) {
    if (decision.outcome === 'PAID') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.paidOn)) return null;
      outcomes.push({ lineId, status: 'PAID', paidOn: decision.paidOn });
    } else if (decision.outcome === 'REJECTED') {
      if (decision.reason.trim() === '') return null;
      outcomes.push({ lineId, status: 'REJECTED', reason: decision.reason.trim() });
    }
  }
  return outcomes;
}

/**
 * The days a payment may be recorded on, as the API accepts them (PAID_ON_OUT_OF_RANGE
 * otherwise): from the day the files were produced to today, in France.
 */
const paidOnRange = (batch: Batch): { min: string | undefined; max: string } => ({
  min: batch.exportedAt ? todayInFrance(new Date(batch.exportedAt)) : undefined,
  max: todayInFrance(),
});

const LineDecision = ({
  line,
  decision,
  range,
  onChange,
}: {
  line: BatchLine;
  decision: Decision;
  range: { min: string | undefined; max: string };
  onChange: (decision: Decision) => void;
}) => {
  const translate = useTranslate();
  return (
    <TableRow data-testid="payment-line" data-venue={line.venueName}>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {line.venueName}
        </Typography>
        <Typography variant="caption" color="textSecondary" sx={{ fontFamily: 'monospace' }}>
          {line.ibanMasked}
        </Typography>
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {formatCents(line.amountCents)}
      </TableCell>
      <TableCell>
        <RadioGroup
          row
          name={`outcome-${line.id}`}
          aria-label={translate('carnet.batches.payments.outcomeOf', { venue: line.venueName })}
          value={decision.outcome}
          onChange={(event) =>
            onChange({ ...decision, outcome: event.target.value as Decision['outcome'] })
          }
        >
          <FormControlLabel
            value=""
            control={<Radio />}
            label={translate('carnet.batches.payments.noAnswer')}
          />
          <FormControlLabel
            value="PAID"
            control={<Radio />}
            label={translate('carnet.batches.payments.paid')}
          />
          <FormControlLabel
            value="REJECTED"
            control={<Radio />}
            label={translate('carnet.batches.payments.rejected')}
          />
        </RadioGroup>
      </TableCell>
      <TableCell sx={{ minWidth: 220 }}>
        {decision.outcome === 'PAID' && (
          <TextField
            type="date"
            size="small"
            required
            label={translate('carnet.batches.payments.paidOn')}
            value={decision.paidOn}
            onChange={(event) => onChange({ ...decision, paidOn: event.target.value })}
            slotProps={{
              inputLabel: { shrink: true },
              htmlInput: {
                ...range,
                'aria-label': translate('carnet.batches.payments.paidOnOf', {
                  venue: line.venueName,
                }),
              },
            }}
          />
        )}
        {decision.outcome === 'REJECTED' && (
          <TextField
            size="small"
            required
            fullWidth
            label={translate('carnet.batches.payments.reason')}
            value={decision.reason}
            onChange={(event) => onChange({ ...decision, reason: event.target.value })}
            slotProps={{
              htmlInput: {
                maxLength: 500,
                'aria-label': translate('carnet.batches.payments.reasonOf', {
                  venue: line.venueName,
                }),
              },
            }}
          />
        )}
      </TableCell>
    </TableRow>
  );
};

const PaymentsForm = ({ batch, onDone }: { batch: Batch; onDone: () => void }) => {
  const translate = useTranslate();
  const lines = useQuery({
    queryKey: ['reimbursement-batches', batch.id, 'lines', 'PAYABLE', 'all'],
    queryFn: () => batchActions.allLines(batch.id, 'PAYABLE'),
  });
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [bulkDay, setBulkDay] = useState(() => todayInFrance());
  const range = paidOnRange(batch);
  const { pending, perform } = useBatchCall(
    (outcomes: PaymentOutcome[]) => batchActions.recordPayments(batch.id, outcomes),
    'carnet.batches.payments.recorded',
  );
  if (lines.isPending) return <Loading />;
  if (lines.error) return <Alert severity="error">{lines.error.message}</Alert>;

  const outcomes = outcomesOf(decisions);
  const markAllPaid = () =>
    setDecisions((current) =>
      Object.fromEntries(
        lines.data.map((line) => {
          const decision = current[line.id] ?? UNDECIDED;
          return [
            line.id,
            decision.outcome === 'REJECTED'
              ? decision
              : { ...decision, outcome: 'PAID', paidOn: bulkDay },
          ];
        }),
      ),
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcomes || outcomes.length === 0) return;
    if (await perform(outcomes)) onDone();
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {translate('carnet.batches.payments.intro')}
        </DialogContentText>
        {lines.data.length === 0 ? (
          <Typography>{translate('carnet.batches.payments.nothingLeft')}</Typography>
        ) : (
          <>
            <Stack
              direction="row"
              spacing={2}
              sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}
            >
              <TextField
                type="date"
                size="small"
                label={translate('carnet.batches.payments.bulkDay')}
                value={bulkDay}
                onChange={(event) => setBulkDay(event.target.value)}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: range }}
              />
              <Button variant="outlined" onClick={markAllPaid} disabled={!bulkDay}>
                {translate('carnet.batches.payments.markAllPaid')}
              </Button>
            </Stack>
            <TableContainer>
              <Table size="small" aria-label={translate('carnet.batches.payments.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('carnet.batches.lines.venue')}</TableCell>
                    <TableCell align="right">{translate('carnet.batches.lines.amount')}</TableCell>
                    <TableCell>{translate('carnet.batches.payments.outcome')}</TableCell>
                    <TableCell>{translate('carnet.batches.payments.details')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {lines.data.map((line) => (
                    <LineDecision
                      key={line.id}
                      line={line}
                      decision={decisions[line.id] ?? UNDECIDED}
                      range={range}
                      onChange={(decision) =>
                        setDecisions((current) => ({ ...current, [line.id]: decision }))
                      }
                    />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>{translate('ra.action.cancel')}</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={pending || !outcomes || outcomes.length === 0}
        >
          {translate('carnet.batches.payments.submit', {
            smart_count: outcomes?.length ?? 0,
          })}
        </Button>
      </DialogActions>
    </form>
  );
};

/**
 * « Enregistrer les paiements »: the bank's outcome for the lines sent, line by line (paid on a
 * day, or rejected with the bank's reason) or all paid at once. Lines without an answer stay to
 * pay; the batch closes once every line has one.
 */
export const PaymentsButton = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <Box>
      <Button variant="contained" startIcon={<PaymentsIcon />} onClick={() => setOpen(true)}>
        {translate('carnet.batches.payments.open')}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        maxWidth="lg"
        fullWidth
        aria-labelledby="payments-title"
      >
        <DialogTitle id="payments-title">
          {translate('carnet.batches.payments.titleOf', { period: formatMonth(batch.period) })}
        </DialogTitle>
        {open && <PaymentsForm batch={batch} onDone={() => setOpen(false)} />}
      </Dialog>
    </Box>
  );
};
