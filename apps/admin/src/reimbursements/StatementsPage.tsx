import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useTranslate } from 'react-admin';

import { formatLongDay } from '../dates';
import { formatMonth } from '../homes/homeData';
import { formatCents, formatCount } from '../money';
import { type Batch, batchActions } from './batchData';
import { DownloadFileButton } from './DownloadFileButton';
import { LineDetails } from './LineDetails';
import { LineStatusChip } from './StatusChips';

/**
 * Where the venue's money stands in a batch: its line (the API gives a venue's staff its own
 * only), or « En préparation » while the batch is gathered.
 */
const StatementStatus = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const line = useQuery({
    queryKey: ['reimbursement-batches', batch.id, 'lines', 'mine'],
    queryFn: async () => (await batchActions.lines(batch.id, 1, 1)).data[0] ?? null,
    enabled: batch.status !== 'GENERATING',
  });
  if (batch.status === 'GENERATING') {
    return <Typography variant="body2">{translate('carnet.statements.preparing')}</Typography>;
  }
  if (line.isPending) return <Loading />;
  if (line.error) return <Alert severity="error">{line.error.message}</Alert>;
  if (!line.data) return null;
  return (
    <Box data-testid="statement-status" data-status={line.data.status}>
      <LineStatusChip status={line.data.status} />
      {line.data.status === 'PAYABLE' && batch.requestedExecutionDate && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {translate('carnet.statements.transferOn', {
            day: formatLongDay(batch.requestedExecutionDate),
          })}
        </Typography>
      )}
      <LineDetails line={line.data} />
    </Box>
  );
};

const StatementCard = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const statement = batch.files.find((file) => file.venueId !== null);
  const period = formatMonth(batch.period);
  return (
    <Card variant="outlined" component="li" data-testid="statement" data-period={batch.period}>
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {period}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {batch.programmeName}
          </Typography>
          <Typography variant="body1">
            {translate('carnet.statements.amount', {
              smart_count: batch.chequeCount,
              count: formatCount(batch.chequeCount),
              amount: formatCents(batch.payableCents + batch.onHoldCents),
            })}
          </Typography>
          <StatementStatus batch={batch} />
          {statement && (
            <DownloadFileButton
              batchId={batch.id}
              file={statement}
              variant="outlined"
              size="medium"
              label={translate('carnet.statements.downloadOf', { period })}
              sx={{ minHeight: 48, alignSelf: 'flex-start' }}
            />
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

/**
 * « Mes relevés »: a venue's staff sees, month by month, what its venue is paid for (cheques,
 * amount), where the money stands, and downloads the statement the finance officers sent.
 */
export const StatementsPage = () => {
  const translate = useTranslate();
  const batches = useQuery({
    queryKey: ['reimbursement-batches', 'statements'],
    queryFn: () => batchActions.batches({}, 100),
  });
  return (
    <Box sx={{ maxWidth: 720, mt: 2 }}>
      <Title title={translate('carnet.statements.title')} />
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('carnet.statements.intro')}
      </Typography>
      {batches.isPending ? (
        <Loading />
      ) : batches.error ? (
        <Alert severity="error">{batches.error.message}</Alert>
      ) : batches.data.data.length === 0 ? (
        <Typography>{translate('carnet.statements.none')}</Typography>
      ) : (
        <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {batches.data.data.map((batch) => (
            <StatementCard key={batch.id} batch={batch} />
          ))}
        </Stack>
      )}
    </Box>
  );
};
