import ApproveIcon from '@mui/icons-material/TaskAlt';
import ExportIcon from '@mui/icons-material/Upload';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';

import { formatLongDay } from '../dates';
import { formatMonth } from '../homes/homeData';
import { formatCents, formatCount } from '../money';
import { type Batch, batchActions, type StatusReportResult } from './batchData';
import { executionDateRange, nextBusinessDay, todayInFrance } from './batchRules';
import { PaymentsButton } from './PaymentsDialog';
import { StatusReportButton, StatusReportSummary } from './StatusReport';
import { useBatchCall } from './useBatchCall';

/**
 * « Approuver »: a second finance officer seals the draft. Refused, with the reason under it, for
 * the one who created or generated it (four eyes); the dialog says what approving commits. A
 * refused button stays focusable (`aria-disabled`, not `disabled`, which takes it out of the tab
 * order): a screen reader reaching it reads the reason, its accessible description.
 */
const ApproveButton = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { pending, perform } = useBatchCall(
    () => batchActions.approveBatch(batch.id),
    'carnet.batches.approved',
  );
  const refusal = batch.approval.allowed ? null : batch.approval.refusal;
  const approve = async () => {
    await perform();
    setOpen(false);
  };
  return (
    <Box>
      <Button
        variant="contained"
        color="success"
        startIcon={<ApproveIcon />}
        disabled={pending}
        className={refusal ? 'Mui-disabled' : undefined}
        onClick={() => {
          if (refusal === null) setOpen(true);
        }}
        aria-disabled={refusal ? true : undefined}
        aria-describedby={refusal ? 'approve-refusal' : undefined}
      >
        {translate('carnet.batches.approve')}
      </Button>
      {refusal && (
        <Typography
          id="approve-refusal"
          variant="body2"
          color="textSecondary"
          sx={{ mt: 1 }}
          data-testid="approve-refusal"
        >
          {translate(`carnet.batches.approvalRefusals.${refusal}`)}
        </Typography>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="approve-title">
        <DialogTitle id="approve-title">
          {translate('carnet.batches.approveTitle', { period: formatMonth(batch.period) })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {translate('carnet.batches.approveContent', {
              amount: formatCents(batch.payableCents),
              smart_count: batch.lineCount,
              count: formatCount(batch.lineCount),
            })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            color="success"
            disabled={pending}
            onClick={() => void approve()}
          >
            {translate('carnet.batches.confirmApprove')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};

/**
 * « Exporter »: the files for the bank and the public payer, produced once by the worker; the
 * officer picks the day the bank is asked to execute the transfers (next business day offered).
 */
const ExportButton = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [min, max] = executionDateRange();
  const [day, setDay] = useState(() => nextBusinessDay(todayInFrance()));
  const { pending, perform } = useBatchCall(
    (requestedExecutionDate: string) => batchActions.exportBatch(batch.id, requestedExecutionDate),
    'carnet.batches.exportStarted',
  );
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= min && day <= max;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (await perform(day)) setOpen(false);
  };
  return (
    <Box>
      <Button
        variant="contained"
        startIcon={<ExportIcon />}
        disabled={pending}
        onClick={() => setOpen(true)}
      >
        {translate('carnet.batches.export')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="export-title">
        <form onSubmit={(event) => void submit(event)}>
          <DialogTitle id="export-title">
            {translate('carnet.batches.exportTitle', { period: formatMonth(batch.period) })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate(
                batch.nothingToPay
                  ? 'carnet.batches.exportNothingToPay'
                  : 'carnet.batches.exportContent',
              )}
            </DialogContentText>
            <TextField
              type="date"
              required
              fullWidth
              name="requestedExecutionDate"
              label={translate('carnet.batches.executionDate')}
              value={day}
              onChange={(event) => setDay(event.target.value)}
              error={!valid}
              helperText={
                valid
                  ? formatLongDay(day)
                  : translate('carnet.batches.executionDateRange', {
                      min: formatLongDay(min),
                      max: formatLongDay(max),
                    })
              }
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min, max } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={pending || !valid}>
              {translate('carnet.batches.confirmExport')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Box>
  );
};

/**
 * What a finance officer may do with the batch now; nothing for readers. Once exported: the
 * bank's outcomes, by hand or from its status report (whose summary stays shown after the batch
 * closes).
 */
export const BatchActions = ({ batch, canChange }: { batch: Batch; canChange: boolean }) => {
  const translate = useTranslate();
  const [report, setReport] = useState<StatusReportResult | null>(null);
  if (!canChange) return null;
  const action =
    batch.status === 'DRAFT' ? (
      <ApproveButton batch={batch} />
    ) : batch.status === 'APPROVED' && batch.exportRequestedAt === null ? (
      <ExportButton batch={batch} />
    ) : batch.status === 'EXPORTED' ? (
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <PaymentsButton batch={batch} />
        <StatusReportButton batch={batch} onResult={setReport} />
      </Stack>
    ) : null;
  if (!action && !report) return null;
  return (
    <Stack spacing={1} sx={{ my: 2 }}>
      {batch.status === 'DRAFT' && batch.onHoldCents > 0 && (
        <Alert severity="info" sx={{ maxWidth: 720 }}>
          {translate('carnet.batches.onHoldNotice', { amount: formatCents(batch.onHoldCents) })}
        </Alert>
      )}
      {action}
      {report && (
        <StatusReportSummary batchId={batch.id} result={report} onClose={() => setReport(null)} />
      )}
    </Stack>
  );
};
