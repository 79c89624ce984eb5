import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';

import { formatLongDay } from '../dates';
import { useNotifyError } from '../useNotifyError';
import { type Batch, batchActions, type StatusReportResult } from './batchData';
import { statusReportGroups } from './batchRules';

/**
 * « Importer le compte rendu de la banque »: the officer picks the bank's payment status report
 * (pain.002) of the transfer file; the API records the transfers it settles or rejects and lists
 * back what it left. `onResult` receives that answer, shown by StatusReportSummary.
 */
export const StatusReportButton = ({
  batch,
  onResult,
}: {
  batch: Batch;
  onResult: (result: StatusReportResult) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [pending, setPending] = useState(false);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setPending(true);
    try {
      onResult(await batchActions.uploadStatusReport(batch.id, file));
      notify('carnet.batches.statusReport.uploaded', { type: 'success' });
    } catch (error) {
      notifyError(error);
    } finally {
      setPending(false);
      refresh();
    }
  };

  return (
    <Box>
      <Button
        component="label"
        variant="outlined"
        startIcon={<UploadFileIcon />}
        disabled={pending}
        sx={{ minHeight: 44 }}
      >
        {translate('carnet.batches.statusReport.open')}
        <input
          hidden
          type="file"
          name="statusReport"
          accept=".xml,application/xml,text/xml"
          onChange={(event) => {
            void upload(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </Button>
      <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5, maxWidth: 720 }}>
        {translate('carnet.batches.statusReport.help')}
      </Typography>
    </Box>
  );
};

/**
 * What the bank's status report did, in French: the venues paid (and on which day), rejected
 * (with the bank's reason), still pending at the bank, already decided (left as they were), and
 * the transfers it names that are not this batch's.
 */
export const StatusReportSummary = ({
  batchId,
  result,
  onClose,
}: {
  batchId: string;
  result: StatusReportResult;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  // The report names lines by id: their venues come from the batch's lines.
  const lines = useQuery({
    queryKey: ['reimbursement-batches', batchId, 'lines', 'all'],
    queryFn: () => batchActions.allLines(batchId),
  });
  const venues = new Map((lines.data ?? []).map((line) => [line.id, line.venueName]));
  const groups = statusReportGroups(result, venues);
  const detail = (kind: string, value: string | null) => {
    if (value === null) return null;
    if (kind === 'paid')
      return translate('carnet.batches.statusReport.paidOn', { day: formatLongDay(value) });
    if (kind === 'skipped') return translate(`carnet.batchLineStatuses.${value}`);
    return value;
  };
  return (
    <Alert
      severity={result.rejected.length > 0 || result.unknown.length > 0 ? 'warning' : 'success'}
      onClose={onClose}
      slotProps={{ closeButton: { title: translate('ra.action.close') } }}
      sx={{ maxWidth: 720 }}
      data-testid="status-report-summary"
    >
      <AlertTitle>{translate('carnet.batches.statusReport.title')}</AlertTitle>
      {groups.length === 0 ? (
        <Typography variant="body2">{translate('carnet.batches.statusReport.empty')}</Typography>
      ) : (
        groups.map((group) => (
          <Box key={group.kind} data-testid={`status-report-${group.kind}`} sx={{ mb: 1 }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {translate(`carnet.batches.statusReport.${group.kind}`, {
                smart_count: group.items.length,
              })}
            </Typography>
            <Box component="ul" sx={{ pl: 2, my: 0.5 }}>
              {group.items.map((item) => {
                const more = detail(group.kind, item.detail);
                return (
                  <Typography component="li" variant="body2" key={item.key}>
                    {item.venue ?? item.endToEndId}
                    {more ? ` — ${more}` : ''}
                  </Typography>
                );
              })}
            </Box>
          </Box>
        ))
      )}
    </Alert>
  );
};
