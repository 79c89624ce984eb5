import type { Schemas } from '@carnet/api-client';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import {
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
} from '@mui/material';
import { useCanAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatDay } from '../dates';
import { chequeCheckLink } from '../cheques/links';
import { formatCents } from '../money';
import { ChequeStatusChip } from './StatusChips';

type Cheque = Schemas['ChequeSummaryDto'];

/** The cheques of a carnet, in print order, each with a link to « Vérifier un chèque ». */
export const ChequesTable = ({ cheques }: { cheques: readonly Cheque[] }) => {
  const translate = useTranslate();
  const { canAccess: mayCheck } = useCanAccess({ resource: 'cheques', action: 'list' });
  return (
    <Table size="small" aria-label={translate('carnet.carnets.cheques')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('carnet.carnets.position')}</TableCell>
          <TableCell>{translate('carnet.carnets.number')}</TableCell>
          <TableCell align="right">{translate('carnet.carnets.value')}</TableCell>
          <TableCell>{translate('carnet.carnets.validUntil')}</TableCell>
          <TableCell>{translate('carnet.carnets.status')}</TableCell>
          <TableCell>{translate('carnet.carnets.reason')}</TableCell>
          {mayCheck && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {[...cheques]
          .sort((a, b) => a.position - b.position)
          .map((cheque) => (
            <TableRow key={cheque.number} data-testid="cheque-row">
              <TableCell>{cheque.position}</TableCell>
              <TableCell
                data-testid="cheque-number"
                sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
              >
                {cheque.formattedNumber}
              </TableCell>
              <TableCell align="right">{formatCents(cheque.faceValueCents)}</TableCell>
              <TableCell>{formatDay(cheque.validUntil)}</TableCell>
              <TableCell>
                <ChequeStatusChip status={cheque.status} />
              </TableCell>
              <TableCell>
                {cheque.cancellationReason
                  ? translate(`carnet.cancellationReasons.${cheque.cancellationReason}`)
                  : ''}
              </TableCell>
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
