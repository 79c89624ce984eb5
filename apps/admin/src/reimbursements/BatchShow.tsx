import { Box } from '@mui/material';
import { Show, useCanAccess, useRecordContext, useTranslate } from 'react-admin';

import { formatMonth } from '../homes/homeData';
import { BatchActions } from './BatchActions';
import type { Batch } from './batchData';
import { BatchFiles } from './BatchFiles';
import { BatchHeader, isBatchRunning } from './BatchHeader';
import { BatchLines } from './BatchLines';
import { FunderSplit } from './FunderSplit';

/** While the worker runs, the batch is read again every second: its progress, then its totals. */
const POLL_MS = 1000;

const BatchTitle = () => {
  const batch = useRecordContext<Batch>();
  const translate = useTranslate();
  if (!batch) return null;
  return (
    <>
      {translate('carnet.batches.title', {
        period: formatMonth(batch.period),
        programme: batch.programmeName,
      })}
    </>
  );
};

const BatchPage = () => {
  const batch = useRecordContext<Batch>();
  const { canAccess: canChange } = useCanAccess({
    resource: 'reimbursement-batches',
    action: 'edit',
  });
  if (!batch) return null;
  const generated = batch.status !== 'GENERATING';
  return (
    <Box sx={{ p: 2 }}>
      <BatchHeader batch={batch} canRetry={canChange === true} />
      <BatchActions batch={batch} canChange={canChange === true} />
      <BatchFiles batch={batch} />
      {generated && <FunderSplit batch={batch} />}
      {generated && <BatchLines batch={batch} />}
    </Box>
  );
};

/** A batch's page: status, totals and who did what; approve, export, payments; files, lines. */
export const BatchShow = () => (
  <Show<Batch>
    actions={false}
    title={<BatchTitle />}
    queryOptions={{
      refetchInterval: (query) => (isBatchRunning(query.state.data) ? POLL_MS : false),
    }}
  >
    <BatchPage />
  </Show>
);
