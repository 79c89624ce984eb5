import RetryIcon from '@mui/icons-material/Replay';
import { Alert, AlertTitle, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatDateTime, formatLongDay } from '../dates';
import { Figure, figureGridSx } from '../homes/Figure';
import { formatMonth } from '../homes/homeData';
import { formatCents, formatCount } from '../money';
import { type Batch, batchActions } from './batchData';
import { BatchStatusChip } from './StatusChips';
import { useBatchCall } from './useBatchCall';

/** The worker owes the batch a job: gathering its redemptions, or writing its files. */
const isJobDue = (batch: Batch): boolean =>
  batch.status === 'GENERATING' ||
  (batch.status === 'APPROVED' && batch.exportRequestedAt !== null);

/** Every attempt of the batch's job failed: nothing runs it again until someone retries it. */
export const isJobFailed = (batch: Batch | undefined): boolean =>
  batch !== undefined && isJobDue(batch) && batch.job?.state === 'failed';

/** The worker is busy with the batch (the page polls it); not once its job failed for good. */
export const isBatchRunning = (batch: Batch | undefined): boolean =>
  batch !== undefined && isJobDue(batch) && !isJobFailed(batch);

/**
 * The job failed for good: a French sentence (never the worker's technical reason) and, for a
 * finance officer, « Relancer », which queues it again; the page then follows it as before.
 */
const JobFailed = ({ batch, canRetry }: { batch: Batch; canRetry: boolean }) => {
  const translate = useTranslate();
  const { pending, perform } = useBatchCall(
    () => batchActions.retryBatch(batch.id),
    'carnet.batches.retried',
  );
  const generation = batch.status === 'GENERATING';
  return (
    <Alert
      severity="error"
      sx={{ my: 2, maxWidth: 720 }}
      data-testid="batch-job-failed"
      action={
        canRetry ? (
          <Button
            color="inherit"
            startIcon={<RetryIcon />}
            disabled={pending}
            onClick={() => void perform()}
            sx={{ minHeight: 44 }}
          >
            {translate('carnet.batches.retry')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {translate(generation ? 'carnet.batches.generationFailed' : 'carnet.batches.exportFailed')}
      </AlertTitle>
      {translate(canRetry ? 'carnet.batches.failedRetry' : 'carnet.batches.failedAskFinance')}
    </Alert>
  );
};

/** The job's progress, from the batch the page polls: a bar and « 1 234 / 5 000 ». */
const JobProgress = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  if (!isBatchRunning(batch)) return null;
  const what = translate(
    batch.status === 'GENERATING' ? 'carnet.batches.generating' : 'carnet.batches.exporting',
  );
  const progress = batch.progress;
  const text =
    progress && progress.total > 0
      ? translate('carnet.batches.progress', {
          what,
          done: formatCount(progress.done),
          total: formatCount(progress.total),
        })
      : what;
  return (
    <Box sx={{ my: 2, maxWidth: 480 }} data-testid="batch-progress">
      <LinearProgress
        variant={progress && progress.total > 0 ? 'determinate' : 'indeterminate'}
        value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : undefined}
        aria-label={text}
      />
      <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }} role="status">
        {text}
      </Typography>
    </Box>
  );
};

/** Who did what, and when: creation, approval, export, closing. */
const History = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const lines = [
    batch.createdBy
      ? translate('carnet.batches.createdBy', { name: batch.createdBy.name })
      : translate('carnet.batches.createdBySchedule'),
    batch.generatedAt &&
      translate('carnet.batches.generatedAt', { date: formatDateTime(batch.generatedAt) }),
    batch.approvedBy &&
      batch.approvedAt &&
      translate('carnet.batches.approvedBy', {
        name: batch.approvedBy.name,
        date: formatDateTime(batch.approvedAt),
      }),
    batch.exportRequestedAt &&
      batch.requestedExecutionDate &&
      translate('carnet.batches.exportRequested', {
        date: formatDateTime(batch.exportRequestedAt),
        day: formatLongDay(batch.requestedExecutionDate),
      }),
    batch.exportedAt &&
      translate('carnet.batches.exportedAt', { date: formatDateTime(batch.exportedAt) }),
    batch.closedAt &&
      translate('carnet.batches.closedAt', { date: formatDateTime(batch.closedAt) }),
  ].filter((line): line is string => typeof line === 'string');
  return (
    <Box component="ul" sx={{ pl: 2, my: 1 }} data-testid="batch-history">
      {lines.map((line) => (
        <Typography component="li" variant="body2" key={line}>
          {line}
        </Typography>
      ))}
    </Box>
  );
};

/**
 * The batch at a glance: programme, month, status, totals, people and dates, live progress (or
 * its failure, retried by a finance officer: `canRetry`).
 */
export const BatchHeader = ({ batch, canRetry }: { batch: Batch; canRetry: boolean }) => {
  const translate = useTranslate();
  const generated = batch.status !== 'GENERATING';
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2">
          {translate('carnet.batches.title', {
            period: formatMonth(batch.period),
            programme: batch.programmeName,
          })}
        </Typography>
        <BatchStatusChip status={batch.status} />
      </Stack>
      <JobProgress batch={batch} />
      {isJobFailed(batch) && <JobFailed batch={batch} canRetry={canRetry} />}
      {batch.nothingToPay && (
        <Alert severity="info" sx={{ my: 2, maxWidth: 720 }} data-testid="batch-nothing-to-pay">
          {translate(
            batch.onHoldCents > 0
              ? 'carnet.batches.nothingToPayOnHold'
              : 'carnet.batches.nothingToPayEmpty',
          )}
        </Alert>
      )}
      {generated && (
        <Box sx={{ ...figureGridSx, gridTemplateColumns: { xs: '1fr', md: 'repeat(4, 1fr)' } }}>
          <Figure
            label={translate('carnet.batches.figures.venues', { smart_count: batch.lineCount })}
            value={batch.lineCount}
            testId="figure-venues"
          >
            <Typography variant="body2" color="textSecondary">
              {translate('carnet.batches.figures.cheques', {
                smart_count: batch.chequeCount,
                count: formatCount(batch.chequeCount),
              })}{' '}
              {translate('carnet.batches.figures.redemptions', {
                smart_count: batch.redemptionCount,
                count: formatCount(batch.redemptionCount),
              })}
            </Typography>
          </Figure>
          <Figure
            label={translate('carnet.batches.figures.payable')}
            value={formatCents(batch.payableCents)}
            testId="figure-payable"
          />
          <Figure
            label={translate('carnet.batches.figures.onHold')}
            value={formatCents(batch.onHoldCents)}
            testId="figure-on-hold"
          />
          {(batch.status === 'EXPORTED' ||
            batch.status === 'PAID' ||
            batch.status === 'PARTIALLY_PAID') && (
            <Figure
              label={translate('carnet.batches.figures.paid')}
              value={formatCents(batch.paidCents)}
              testId="figure-paid"
            >
              {batch.rejectedCents > 0 && (
                <Typography variant="body2" color="error">
                  {translate('carnet.batches.figures.rejected', {
                    amount: formatCents(batch.rejectedCents),
                  })}
                </Typography>
              )}
            </Figure>
          )}
        </Box>
      )}
      <History batch={batch} />
    </Box>
  );
};
