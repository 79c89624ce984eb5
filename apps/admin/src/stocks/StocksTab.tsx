import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Box,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, useGetList, useRecordContext, useTranslate } from 'react-admin';

import { HolderName } from '../carnets/holders';
import { formatCount } from '../money';
import { usePhone } from '../phone';
import { totalRowSx } from '../tables';

type Programme = Schemas['ProgrammeResponseDto'];
type Stock = Schemas['StockDto'];

const count = (value: number | null) => (value === null ? '—' : formatCount(value));

const PAGE_SIZE = 50;

/**
 * Carnets held by each holder of the programme, a page at a time in the order carnets travel (the
 * API's order): the programme stock, then each commune followed by its prescribers, with what
 * each commune received and may receive and what each prescriber handed out. Beneficiaries are
 * counted in their prescriber's « Remis » (one line each would be personal data with no use here).
 */
export const StocksTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const phone = usePhone();
  useEffect(() => setPage(1), [programme?.id]);
  const list = useGetList<Stock>(
    'stocks',
    { filter: { programmeId: programme?.id }, pagination: { page, perPage: PAGE_SIZE } },
    { enabled: programme !== undefined },
  );
  const { data, total, isPending, error } = list;
  if (!programme) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (data.length === 0) {
    return <Typography variant="body2">{translate('carnet.stocks.none')}</Typography>;
  }

  const totals = list.meta as Schemas['StockPageMetaDto'];
  return (
    <Box sx={{ maxWidth: 1000 }}>
      <Table size="small" aria-label={translate('carnet.programmes.tabs.stocks')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('carnet.stocks.holder')}</TableCell>
            <TableCell align="right">{translate('carnet.stocks.carnets')}</TableCell>
            {!phone && (
              <>
                <TableCell align="right">{translate('carnet.stocks.received')}</TableCell>
                <TableCell align="right">{translate('carnet.stocks.allocation')}</TableCell>
                <TableCell align="right">{translate('carnet.stocks.toReceive')}</TableCell>
                <TableCell align="right">{translate('carnet.stocks.handedOut')}</TableCell>
              </>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((stock) => {
            const commune = stock.kind === 'COMMUNE';
            const prescriber = stock.kind === 'PRESCRIBER';
            return (
              <TableRow key={stock.id} hover data-testid={`stock-${stock.kind.toLowerCase()}`}>
                <TableCell sx={{ pl: prescriber ? (phone ? 3 : 5) : 2 }}>
                  <HolderName holder={stock} />
                  {phone && (commune || prescriber) && (
                    <Typography variant="caption" color="textSecondary" component="div">
                      {commune
                        ? translate('carnet.stocks.receivedOf', {
                            received: count(stock.received),
                            allocation: count(stock.allocationLimit),
                          })
                        : translate('carnet.stocks.handedOutCount', {
                            count: formatCount(stock.handedOut),
                          })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{formatCount(stock.carnets)}</TableCell>
                {!phone && (
                  <>
                    <TableCell align="right">{commune ? count(stock.received) : ''}</TableCell>
                    <TableCell align="right">
                      {commune ? count(stock.allocationLimit) : ''}
                    </TableCell>
                    <TableCell align="right">
                      {commune && stock.allocationLimit !== null
                        ? count(Math.max(stock.allocationLimit - stock.received, 0))
                        : ''}
                    </TableCell>
                    <TableCell align="right">
                      {prescriber ? formatCount(stock.handedOut) : ''}
                    </TableCell>
                  </>
                )}
              </TableRow>
            );
          })}
        </TableBody>
        <TableFooter>
          <TableRow sx={totalRowSx}>
            <TableCell>{translate('carnet.total')}</TableCell>
            <TableCell align="right">{formatCount(totals.carnets)}</TableCell>
            {!phone && (
              <>
                <TableCell colSpan={3} />
                <TableCell align="right">{formatCount(totals.handedOut)}</TableCell>
              </>
            )}
          </TableRow>
        </TableFooter>
      </Table>
      {(total ?? 0) > PAGE_SIZE && (
        <TablePagination
          component="div"
          count={total ?? 0}
          page={page - 1}
          onPageChange={(_event, next) => setPage(next + 1)}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[]}
          labelDisplayedRows={({ from, to, count: all }) =>
            translate('carnet.stocks.displayedRows', { from, to, count: all })
          }
          getItemAriaLabel={(type) =>
            translate(
              {
                first: 'carnet.stocks.firstPage',
                last: 'carnet.stocks.lastPage',
                next: 'carnet.stocks.nextPage',
                previous: 'carnet.stocks.previousPage',
              }[type],
            )
          }
        />
      )}
    </Box>
  );
};
