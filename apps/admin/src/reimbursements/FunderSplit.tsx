import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatBasisPoints, formatCents } from '../money';
import type { Batch } from './batchData';

/** What each funder pays of the batch, by its share of the programme, to the cent. */
export const FunderSplit = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  if (batch.funders.length === 0) return null;
  const total = batch.funders.reduce((sum, funder) => sum + funder.cents, 0);
  return (
    <Box sx={{ my: 3, maxWidth: 720 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('carnet.batches.funders.title')}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={translate('carnet.batches.funders.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('carnet.batches.funders.funder')}</TableCell>
              <TableCell align="right">{translate('carnet.batches.funders.share')}</TableCell>
              <TableCell align="right">{translate('carnet.batches.funders.amount')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {batch.funders.map((funder) => (
              <TableRow key={funder.funderId} data-testid="batch-funder">
                <TableCell>{funder.funderName}</TableCell>
                <TableCell align="right">{formatBasisPoints(funder.basisPoints)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {formatCents(funder.cents)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableCell>{translate('carnet.total')}</TableCell>
              <TableCell />
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {formatCents(total)}
              </TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </TableContainer>
    </Box>
  );
};
