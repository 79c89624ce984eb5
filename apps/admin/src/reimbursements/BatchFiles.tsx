import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useTranslate } from 'react-admin';

import type { Batch } from './batchData';
import { formatBytes } from './batchRules';
import { DownloadFileButton, useFileLabel } from './DownloadFileButton';

/**
 * The export's files for the bank and the public payer, each with its size and SHA-256 (the
 * manifest lists the same): what the officer checks after moving them. The venues' statements
 * are downloaded from their lines.
 */
export const BatchFiles = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const fileLabel = useFileLabel();
  const files = batch.files.filter((file) => file.venueId === null);
  if (files.length === 0) return null;
  const statements = batch.files.length - files.length;
  return (
    <Box sx={{ my: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('carnet.batches.files.title')}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={translate('carnet.batches.files.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('carnet.batches.files.file')}</TableCell>
              <TableCell align="right">{translate('carnet.batches.files.size')}</TableCell>
              <TableCell>{translate('carnet.batches.files.sha256')}</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {translate('carnet.batches.download')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {files.map((file) => (
              <TableRow key={file.name} data-testid="batch-file" data-name={file.name}>
                <TableCell>
                  <Typography variant="body2">{fileLabel(file)}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {file.name}
                  </Typography>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(file.sizeBytes)}
                </TableCell>
                <TableCell
                  sx={{
                    fontFamily: 'monospace',
                    fontSize: 12,
                    wordBreak: 'break-all',
                    maxWidth: 300,
                  }}
                >
                  {file.sha256}
                </TableCell>
                <TableCell>
                  <DownloadFileButton
                    batchId={batch.id}
                    file={file}
                    label={translate('carnet.batches.downloadFile', { file: file.name })}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {statements > 0 && (
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1 }}>
          {translate('carnet.batches.files.statements', { smart_count: statements })}
        </Typography>
      )}
    </Box>
  );
};
