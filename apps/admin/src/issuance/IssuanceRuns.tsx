import type { Schemas } from '@carnet/api-client';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import DownloadIcon from '@mui/icons-material/Download';
import ListIcon from '@mui/icons-material/List';
import {
  Box,
  Button,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  useCreatePath,
  useDataProvider,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';

import { formatDateTime, formatDay } from '../dates';
import type { PrintFormat } from '../carnetData';
import type { IssuanceStatus } from '../choices';
import type { CarnetDataProvider } from '../dataProvider';
import { saveBlob } from '../http';
import { formatCents, formatCount } from '../money';
import { useNotifyError } from '../useNotifyError';
import { IssuanceStatusChip } from './IssuanceStatusChip';

type Issuance = Schemas['IssuanceResponseDto'];

const FINISHED: ReadonlySet<IssuanceStatus> = new Set(['DONE', 'FAILED']);
const POLL_MS = 1000;

/**
 * The run as it is now: while the worker writes it, GET /issuances/{id} every second (the list
 * gave its state when the tab opened). Stops at DONE or FAILED; refresh() starts it again after
 * a reprint.
 */
function useLiveIssuance(run: Issuance): Issuance {
  const { data } = useGetOne<Issuance>(
    'issuances',
    { id: run.id },
    {
      enabled: !FINISHED.has(run.status),
      refetchInterval: (query) =>
        query.state.data && FINISHED.has(query.state.data.status) ? false : POLL_MS,
    },
  );
  return data ?? run;
}

const hasFile = (run: Issuance, kind: Schemas['PrintFileKind']) =>
  run.files.some((file) => file.kind === kind && file.complete);

const Progress = ({ run }: { run: Issuance }) => {
  const translate = useTranslate();
  if (run.status === 'PRINTING') {
    return (
      <Box sx={{ minWidth: 160 }}>
        <LinearProgress />
        <Typography variant="caption" color="textSecondary">
          {translate('carnet.issuances.printing')}
        </Typography>
      </Box>
    );
  }
  if (FINISHED.has(run.status)) return null;
  const share = run.carnetCount > 0 ? (100 * run.carnetsDone) / run.carnetCount : 0;
  return (
    <Box sx={{ minWidth: 160 }}>
      <LinearProgress
        variant="determinate"
        value={share}
        aria-label={translate('carnet.issuances.progress', {
          done: formatCount(run.carnetsDone),
          total: formatCount(run.carnetCount),
        })}
      />
      <Typography variant="caption" color="textSecondary">
        {translate('carnet.issuances.progress', {
          done: formatCount(run.carnetsDone),
          total: formatCount(run.carnetCount),
        })}
      </Typography>
    </Box>
  );
};

/** Downloads a print file through fetch: the API wants the bearer token. */
const DownloadButton = ({ run, format }: { run: Issuance; format: PrintFormat }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);

  const download = async () => {
    setPending(true);
    try {
      const { blob, filename } = await dataProvider.downloadPrintFile(run.id, format);
      saveBlob(blob, filename ?? `carnets-${run.firstSerial}-${run.lastSerial}.${format}`);
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      disabled={pending}
      onClick={() => void download()}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {translate(
        format === 'csv' ? 'carnet.issuances.downloadCsv' : 'carnet.issuances.downloadPdf',
      )}
    </Button>
  );
};

/** A call on a run (reprint, resume): pending state, success message, refresh, French errors. */
const useRunAction = (
  call: (dataProvider: CarnetDataProvider) => Promise<unknown>,
  success: string,
) => {
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);
  const perform = async () => {
    setPending(true);
    try {
      await call(dataProvider);
      notify(success, { type: 'success' });
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
    }
  };
  return { pending, perform };
};

/** New print files with new security codes, after a confirmation that says what it costs. */
const ReprintButton = ({ run }: { run: Issuance }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { pending, perform } = useRunAction(
    (dataProvider) => dataProvider.reprintIssuance(run.id),
    'carnet.issuances.reprinted',
  );
  const reprint = async () => {
    await perform();
    setOpen(false);
  };

  return (
    <>
      <Button
        size="small"
        color="warning"
        startIcon={<AutorenewIcon />}
        disabled={pending}
        onClick={() => setOpen(true)}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {translate('carnet.issuances.reprint')}
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title="carnet.issuances.reprintTitle"
        content="carnet.issuances.reprintContent"
        confirm="carnet.issuances.reprint"
        confirmColor="warning"
        onConfirm={() => void reprint()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** « Reprendre » for a run that failed or waits for a job that was lost: it resumes where it stopped. */
const ResumeButton = ({ run }: { run: Issuance }) => {
  const translate = useTranslate();
  const { pending, perform } = useRunAction(
    (dataProvider) => dataProvider.resumeIssuance(run.id),
    'carnet.issuances.resumed',
  );

  return (
    <Button
      size="small"
      startIcon={<AutorenewIcon />}
      disabled={pending}
      onClick={() => void perform()}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {translate('carnet.issuances.resume')}
    </Button>
  );
};

const IssuanceRow = ({ listed, canChange }: { listed: Issuance; canChange: boolean }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const run = useLiveIssuance(listed);
  const carnetsLink = {
    pathname: createPath({ resource: 'carnets', type: 'list' }),
    search: `?${new URLSearchParams({
      filter: JSON.stringify({
        programmeId: run.programmeId,
        serialFrom: run.firstSerial,
        serialTo: run.lastSerial,
      }),
    }).toString()}`,
  };
  return (
    <TableRow
      data-testid="issuance-run"
      data-status={run.status}
      data-first-serial={run.firstSerial}
      data-last-serial={run.lastSerial}
    >
      {/* What to do with the run first: a wide table would push it out of sight. */}
      <TableCell>
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          {run.status === 'DONE' && (
            <Button
              size="small"
              component={Link}
              to={carnetsLink}
              startIcon={<ListIcon />}
              sx={{ whiteSpace: 'nowrap' }}
            >
              {translate('carnet.issuances.viewCarnets')}
            </Button>
          )}
          {hasFile(run, 'CSV') && <DownloadButton run={run} format="csv" />}
          {/* The PDF exists for small runs only (up to 5 000 carnets). */}
          {hasFile(run, 'PDF') && <DownloadButton run={run} format="pdf" />}
          {canChange && run.status === 'DONE' && <ReprintButton run={run} />}
          {canChange && (run.status === 'FAILED' || run.error) && run.status !== 'DONE' && (
            <ResumeButton run={run} />
          )}
        </Stack>
      </TableCell>
      <TableCell>{formatDateTime(run.createdAt)}</TableCell>
      <TableCell align="right">{formatCount(run.carnetCount)}</TableCell>
      <TableCell>
        <Box sx={{ whiteSpace: 'nowrap' }} data-testid="issuance-serials">
          {translate('carnet.issuances.range', { first: run.firstSerial, last: run.lastSerial })}
        </Box>
        <Typography
          variant="caption"
          component="div"
          color="textSecondary"
          sx={{ fontFamily: 'monospace' }}
        >
          {translate('carnet.issuances.cheques')} {run.firstChequeNumber} – {run.lastChequeNumber}
        </Typography>
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {formatCents(run.totalCents)}
      </TableCell>
      <TableCell>{formatDay(run.validUntil)}</TableCell>
      <TableCell>
        <Stack spacing={0.5}>
          <IssuanceStatusChip status={run.status} />
          <Progress run={run} />
          {run.status === 'FAILED' && run.error && (
            <Typography variant="caption" color="error">
              {run.error}
            </Typography>
          )}
          {run.printGeneration > 1 && (
            <Typography variant="caption" color="textSecondary">
              {translate('carnet.issuances.generation', { generation: run.printGeneration })}
            </Typography>
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
};

/** The programme's issuance runs, newest first, each followed live while the worker runs it. */
export const IssuanceRuns = ({
  runs,
  canChange,
}: {
  runs: readonly Issuance[];
  canChange: boolean;
}) => {
  const translate = useTranslate();
  if (runs.length === 0) {
    return <Typography variant="body2">{translate('carnet.issuances.none')}</Typography>;
  }
  return (
    // Focusable and named: a keyboard scrolls it when it is wider than the page.
    <TableContainer tabIndex={0} role="region" aria-label={translate('carnet.issuances.runs')}>
      <Table size="small" aria-label={translate('carnet.issuances.runs')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('carnet.issuances.actions')}</TableCell>
            <TableCell>{translate('carnet.issuances.createdAt')}</TableCell>
            <TableCell align="right">{translate('carnet.issuances.carnets')}</TableCell>
            <TableCell>{translate('carnet.issuances.serials')}</TableCell>
            <TableCell align="right">{translate('carnet.issuances.value')}</TableCell>
            <TableCell>{translate('carnet.issuances.validUntil')}</TableCell>
            <TableCell>{translate('carnet.issuances.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map((run) => (
            <IssuanceRow key={run.id} listed={run} canChange={canChange} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
