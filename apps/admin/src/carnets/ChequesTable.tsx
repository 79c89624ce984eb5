import type { Schemas } from '@carnet/api-client';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import {
  Box,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useCanAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatDay } from '../dates';
import { chequeCheckLink } from '../cheques/links';
import { formatCents } from '../money';
import { usePhone } from '../phone';
import { ChequeStatusChip } from './StatusChips';

type Cheque = Schemas['ChequeSummaryDto'];

/**
 * The cheques of a carnet, in print order, each with a link to « Vérifier un chèque ». On a phone,
 * value, validity and reason go under the number, so the table fits the screen.
 */
export const ChequesTable = ({ cheques }: { cheques: readonly Cheque[] }) => {
  const translate = useTranslate();
  const phone = usePhone();
  const { canAccess: mayCheck } = useCanAccess({ resource: 'cheques', action: 'list' });
  const reasonOf = (cheque: Cheque) =>
    cheque.cancellationReason
      ? translate(`carnet.cancellationReasons.${cheque.cancellationReason}`)
      : '';
  return (
    <Table size="small" aria-label={translate('carnet.carnets.cheques')}>
      <TableHead>
        <TableRow>
          {!phone && <TableCell>{translate('carnet.carnets.position')}</TableCell>}
          <TableCell>{translate('carnet.carnets.number')}</TableCell>
          {!phone && (
            <>
              <TableCell align="right">{translate('carnet.carnets.value')}</TableCell>
              <TableCell>{translate('carnet.carnets.validUntil')}</TableCell>
            </>
          )}
          <TableCell>{translate('carnet.carnets.status')}</TableCell>
          {!phone && <TableCell>{translate('carnet.carnets.reason')}</TableCell>}
          {mayCheck && (
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                {translate('carnet.carnets.check')}
              </Box>
            </TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {[...cheques]
          .sort((a, b) => a.position - b.position)
          .map((cheque) => (
            <TableRow key={cheque.number} data-testid="cheque-row">
              {!phone && <TableCell>{cheque.position}</TableCell>}
              <TableCell>
                <Typography
                  component="span"
                  variant="body2"
                  data-testid="cheque-number"
                  sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap', display: 'block' }}
                >
                  {cheque.formattedNumber}
                </Typography>
                {phone && (
                  <Typography component="span" variant="caption" color="textSecondary">
                    {[
                      formatCents(cheque.faceValueCents),
                      translate('carnet.carnets.until', { day: formatDay(cheque.validUntil) }),
                      reasonOf(cheque),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                )}
              </TableCell>
              {!phone && (
                <>
                  <TableCell align="right">{formatCents(cheque.faceValueCents)}</TableCell>
                  <TableCell>{formatDay(cheque.validUntil)}</TableCell>
                </>
              )}
              <TableCell>
                <ChequeStatusChip status={cheque.status} />
              </TableCell>
              {!phone && <TableCell>{reasonOf(cheque)}</TableCell>}
              {mayCheck && (
                <TableCell padding="none">
                  <Tooltip title={translate('carnet.carnets.check')}>
                    <IconButton
                      size="small"
                      component={Link}
                      to={chequeCheckLink(cheque.number)}
                      aria-label={`${translate('carnet.carnets.check')} ${cheque.formattedNumber}`}
                    >
                      <FactCheckIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              )}
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
};
