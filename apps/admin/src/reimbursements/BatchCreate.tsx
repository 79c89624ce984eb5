import type { Schemas } from '@carnet/api-client';
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import {
  HttpError,
  Loading,
  Title,
  useCreatePath,
  useGetList,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Link, useNavigate } from 'react-router';

import { formatMonth } from '../homes/homeData';
import { batchActions } from './batchData';
import {
  creationAnswered,
  creationKey,
  existingBatchId,
  finishedPeriods,
  isFinalRefusal,
} from './batchRules';

type Programme = Schemas['ProgrammeResponseDto'];

interface Refusal {
  message: string;
  /** BATCH_ALREADY_EXISTS: the batch to open instead. */
  existingId?: string;
  /** The request may have gone through: trying again sends the same key. */
  retry?: boolean;
}

/**
 * « Créer un lot »: a programme's batch for a month that is over. The worker then gathers the
 * month's redemptions: the batch page follows it. A draft programme pays nobody, so it is not
 * offered; a month whose batch exists is shown, greyed.
 */
export const BatchCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [programmeId, setProgrammeId] = useState('');
  const [period, setPeriod] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();

  const programmes = useGetList<Programme>('programmes', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'startDate', order: 'DESC' },
  });
  const payable = useMemo(
    () => (programmes.data ?? []).filter((programme) => programme.status !== 'DRAFT'),
    [programmes.data],
  );
  const programme = payable.find((p) => p.id === programmeId);
  const existing = useQuery({
    queryKey: ['reimbursement-batches', 'periods', programmeId],
    queryFn: () => batchActions.batches({ programmeId }, 200),
    enabled: programmeId !== '',
  });
  const taken = new Map((existing.data?.data ?? []).map((batch) => [batch.period, batch.id]));
  const periods = programme ? finishedPeriods(programme.startDate) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!programmeId || !period) return;
    const request = { programmeId, period };
    setPending(true);
    setRefusal(undefined);
    try {
      const batch = await batchActions.createBatch(request, creationKey(request));
      creationAnswered();
      notify('carnet.batches.created', {
        type: 'success',
        messageArgs: { period: formatMonth(period) },
      });
      void navigate(createPath({ resource: 'reimbursement-batches', type: 'show', id: batch.id }));
    } catch (error) {
      const body =
        error instanceof HttpError
          ? (error.body as { code?: string; detail?: string } | undefined)
          : undefined;
      if (error instanceof HttpError && isFinalRefusal(Number(error.status), body?.code)) {
        // Refused: this attempt is over, a new one gets a new key.
        creationAnswered();
        setRefusal({
          message: error.message,
          existingId:
            body?.code === 'BATCH_ALREADY_EXISTS' ? existingBatchId(body.detail) : undefined,
        });
      } else {
        // It may have been created: the key stays, so that « Créer » again sends the same request.
        setRefusal({
          message:
            error instanceof HttpError ? error.message : translate('carnet.batches.noAnswer'),
          retry: true,
        });
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <Box sx={{ mt: 2, maxWidth: 640 }}>
      <Title title={translate('carnet.batches.create')} />
      <Paper variant="outlined" sx={{ p: 2 }}>
        {programmes.isPending ? (
          <Loading />
        ) : (
          <form onSubmit={(event) => void submit(event)} aria-labelledby="batch-create-title">
            <Stack spacing={2}>
              <Typography variant="h6" component="h2" id="batch-create-title">
                {translate('carnet.batches.create')}
              </Typography>
              <Typography variant="body2">{translate('carnet.batches.createIntro')}</Typography>
              <TextField
                select
                required
                name="programmeId"
                label={translate('carnet.batches.programme')}
                value={programmeId}
                onChange={(event) => {
                  setProgrammeId(event.target.value);
                  setPeriod('');
                  setRefusal(undefined);
                }}
              >
                {payable.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                select
                required
                name="period"
                label={translate('carnet.batches.period')}
                value={period}
                disabled={!programme || existing.isPending}
                helperText={
                  programme && periods.length === 0
                    ? translate('carnet.batches.noFinishedMonth')
                    : translate('carnet.batches.periodHelp')
                }
                onChange={(event) => {
                  setPeriod(event.target.value);
                  setRefusal(undefined);
                }}
              >
                {periods.map((p) => (
                  <MenuItem key={p} value={p} disabled={taken.has(p)}>
                    {taken.has(p)
                      ? translate('carnet.batches.periodTaken', { period: formatMonth(p) })
                      : formatMonth(p)}
                  </MenuItem>
                ))}
              </TextField>
              <Box>
                <Button
                  type="submit"
                  variant="contained"
                  disabled={pending || !programmeId || !period}
                >
                  {translate('carnet.batches.submit')}
                </Button>
              </Box>
              {refusal && (
                <Alert severity="error" data-testid="batch-create-refusal">
                  {refusal.message}
                  {refusal.retry && (
                    <Box sx={{ mt: 1 }}>{translate('carnet.batches.retrySafe')}</Box>
                  )}
                  {refusal.existingId && (
                    <Box sx={{ mt: 1 }}>
                      <Link
                        to={createPath({
                          resource: 'reimbursement-batches',
                          type: 'show',
                          id: refusal.existingId,
                        })}
                      >
                        {translate('carnet.batches.openExisting')}
                      </Link>
                    </Box>
                  )}
                </Alert>
              )}
            </Stack>
          </form>
        )}
      </Paper>
    </Box>
  );
};
