import {
  Alert,
  Box,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import type { LineStatus } from '../choices';
import { type Batch, batchActions } from './batchData';
import { DownloadFileButton } from './DownloadFileButton';
import { LineDetails } from './LineDetails';
import { LineStatusChip } from './StatusChips';

const LINE_STATUSES: readonly LineStatus[] = ['PAYABLE', 'ON_HOLD', 'PAID', 'REJECTED'];

/** The batch's lines, one per venue: what each is paid, to which account, or why it waits. */
export const BatchLines = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [status, setStatus] = useState<LineStatus | ''>('');
  const lines = useQuery({
    queryKey: ['reimbursement-batches', batch.id, 'lines', status, page, pageSize],
    queryFn: () => batchActions.lines(batch.id, page + 1, pageSize, status || undefined),
    placeholderData: keepPreviousData,
  });
  const statements = new Map(
    batch.files.filter((file) => file.venueId !== null).map((file) => [file.venueId, file]),
  );
  return (
    <Box sx={{ my: 3 }}>
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', mb: 1 }}
      >
        <Typography variant="h6" component="h2">
          {translate('carnet.batches.lines.title')}
        </Typography>
        <TextField
          select
          size="small"
          fullWidth={false}
          label={translate('carnet.batches.lines.status')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as LineStatus | '');
            setPage(0);
          }}
          sx={{ minWidth: 200 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{translate('carnet.batches.lines.allStatuses')}</MenuItem>
          {LINE_STATUSES.map((value) => (
            <MenuItem key={value} value={value}>
              {translate(`carnet.batchLineStatuses.${value}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {lines.isPending ? (
        <Loading />
      ) : lines.error ? (
        <Alert severity="error">{lines.error.message}</Alert>
      ) : lines.data.data.length === 0 ? (
        <Typography variant="body2">{translate('carnet.batches.lines.none')}</Typography>
      ) : (
        <>
          <TableContainer>
            <Table size="small" aria-label={translate('carnet.batches.lines.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('carnet.batches.lines.venue')}</TableCell>
                  <TableCell>{translate('carnet.batches.lines.status')}</TableCell>
                  <TableCell align="right">{translate('carnet.batches.lines.cheques')}</TableCell>
                  <TableCell align="right">{translate('carnet.batches.lines.amount')}</TableCell>
                  <TableCell>{translate('carnet.batches.lines.payee')}</TableCell>
                  {statements.size > 0 && (
                    <TableCell>{translate('carnet.batches.lines.statement')}</TableCell>
                  )}
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.data.data.map((line) => {
                  const statement = statements.get(line.venueId);
                  return (
                    <TableRow
                      key={line.id}
                      data-testid="batch-line"
                      data-venue={line.venueName}
                      data-status={line.status}
                    >
                      <TableCell>
                        <Typography variant="body2" sx={{ fontWeight: 500 }}>
                          {line.venueName}
                        </Typography>
                        <Typography variant="caption" color="textSecondary">
                          {line.venuePivot}
                        </Typography>
                      </TableCell>
                      <TableCell sx={{ maxWidth: 360 }}>
                        <LineStatusChip status={line.status} />
                        <LineDetails line={line} />
                      </TableCell>
                      <TableCell align="right">
                        {formatCount(line.chequeCount)}
                        <Typography variant="caption" color="textSecondary" component="p">
                          {translate('carnet.batches.lines.redemptions', {
                            smart_count: line.redemptionCount,
                            count: formatCount(line.redemptionCount),
                          })}
                        </Typography>
                      </TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {formatCents(line.amountCents)}
                      </TableCell>
                      <TableCell>
                        {line.ibanMasked ? (
                          <>
                            <Typography variant="body2">{line.holderName}</Typography>
                            <Typography
                              variant="caption"
                              sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
                            >
                              {line.ibanMasked}
                              {line.bic ? ` — ${line.bic}` : ''}
                            </Typography>
                          </>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      {statements.size > 0 && (
                        <TableCell>
                          {statement && (
                            <DownloadFileButton
                              batchId={batch.id}
                              file={statement}
                              label={translate('carnet.batches.downloadStatementOf', {
                                venue: line.venueName,
                              })}
                            />
                          )}
                        </TableCell>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={lines.data.meta.total}
            page={page}
            rowsPerPage={pageSize}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={(event) => {
              setPageSize(Number(event.target.value));
              setPage(0);
            }}
            labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
            labelDisplayedRows={({ from, to, count }) =>
              translate('ra.navigation.page_range_info', {
                offsetBegin: from,
                offsetEnd: to,
                total: count,
              })
            }
          />
        </>
      )}
    </Box>
  );
};
