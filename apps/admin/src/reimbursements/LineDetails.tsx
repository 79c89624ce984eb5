import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatLongDay } from '../dates';
import type { BatchLine } from './batchData';

/**
 * Why a line is where it is, in French sentences: the reasons it waits, the day it was paid, or
 * the bank's reason for rejecting it.
 */
export const LineDetails = ({
  line,
}: {
  line: Pick<BatchLine, 'status' | 'holdReasons' | 'paidOn' | 'rejectionReason'>;
}) => {
  const translate = useTranslate();
  if (line.status === 'ON_HOLD' && line.holdReasons.length > 0) {
    return (
      <Box component="ul" sx={{ pl: 2, my: 0.5 }} data-testid="hold-reasons">
        {line.holdReasons.map((reason) => (
          <Typography component="li" variant="body2" key={reason}>
            {translate(`carnet.holdReasons.${reason}`)}
          </Typography>
        ))}
      </Box>
    );
  }
  if (line.status === 'PAID' && line.paidOn) {
    return (
      <Typography variant="body2">
        {translate('carnet.batches.lines.paidOn', { day: formatLongDay(line.paidOn) })}
      </Typography>
    );
  }
  if (line.status === 'REJECTED') {
    return (
      <Typography variant="body2">
        {translate('carnet.batches.lines.rejected', { reason: line.rejectionReason ?? '—' })}
      </Typography>
    );
  }
  return null;
};
