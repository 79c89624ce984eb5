import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatDateTime, formatLongDay } from '../dates';
import { Figure, figureGridSx } from '../homes/Figure';
import { formatMonth } from '../homes/homeData';
import { formatCents, formatCount } from '../money';
import type { Batch } from './batchData';
import { BatchStatusChip } from './StatusChips';

/** The worker is busy with the batch: gathering its redemptions, or writing its files. */
export const isBatchRunning = (batch: Batch | undefined): boolean =>
  batch !== undefined &&
  (batch.status === 'GENERATING' ||
    (batch.status === 'APPROVED' && batch.exportRequestedAt !== null));

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

/** The batch at a glance: programme, month, status, totals, people and dates, live progress. */
export const BatchHeader = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const generated = batch.status !== 'GENERATING';
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {translate('carnet.batches.title', {
            period: formatMonth(batch.period),
            programme: batch.programmeName,
          })}
        </Typography>
        <BatchStatusChip status={batch.status} />
      </Stack>
      <JobProgress batch={batch} />
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
