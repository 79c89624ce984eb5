import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Loading, useGetList, useRecordContext, useTranslate } from 'react-admin';

import { HolderName } from '../carnets/holders';
import { formatCount } from '../money';
import { totalRowSx } from '../tables';

type Programme = Schemas['ProgrammeResponseDto'];
type Stock = Schemas['StockDto'];

const byName = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'fr');

/**
 * The holders in the order carnets travel: the programme stock, then each commune followed by
 * its prescribers. Beneficiaries are counted together (one line each would be personal data
 * with no use here).
 */
function custodyOrder(stocks: readonly Stock[]): { lines: Stock[]; beneficiaries: number } {
  const programme = stocks.filter((stock) => stock.kind === 'PROGRAMME');
  const communes = stocks
    .filter((stock) => stock.kind === 'COMMUNE')
    .sort((a, b) => byName(a.communeName, b.communeName));
  const prescribers = stocks
    .filter((stock) => stock.kind === 'PRESCRIBER')
    .sort((a, b) => byName(a.prescriberName, b.prescriberName));
  const placed = new Set<Stock>();
  const lines = [...programme];
  for (const commune of communes) {
    lines.push(commune);
    for (const prescriber of prescribers) {
      if (prescriber.inseeCode === commune.inseeCode) {
        lines.push(prescriber);
        placed.add(prescriber);
      }
    }
  }
  lines.push(...prescribers.filter((prescriber) => !placed.has(prescriber)));
  const beneficiaries = stocks
    .filter((stock) => stock.kind === 'BENEFICIARY')
    .reduce((sum, stock) => sum + stock.carnets, 0);
  return { lines, beneficiaries };
}

const count = (value: number | null) => (value === null ? '—' : formatCount(value));

/** Carnets held by each holder of the programme, with what each commune received and may receive. */
export const StocksTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const { data, isPending, error } = useGetList<Stock>(
    'stocks',
    { filter: { programmeId: programme?.id } },
    { enabled: programme !== undefined },
  );
  if (!programme) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (data.length === 0) {
    return <Typography variant="body2">{translate('carnet.stocks.none')}</Typography>;
  }

  const { lines, beneficiaries } = custodyOrder(data);
  const total = data.reduce((sum, stock) => sum + stock.carnets, 0);
  return (
    <Table
      size="small"
      sx={{ maxWidth: 1000 }}
      aria-label={translate('carnet.programmes.tabs.stocks')}
    >
      <TableHead>
        <TableRow>
          <TableCell>{translate('carnet.stocks.holder')}</TableCell>
          <TableCell align="right">{translate('carnet.stocks.carnets')}</TableCell>
          <TableCell align="right">{translate('carnet.stocks.received')}</TableCell>
          <TableCell align="right">{translate('carnet.stocks.allocation')}</TableCell>
          <TableCell align="right">{translate('carnet.stocks.toReceive')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((stock) => {
          const commune = stock.kind === 'COMMUNE';
          return (
            <TableRow key={stock.id} hover data-testid={`stock-${stock.kind.toLowerCase()}`}>
              <TableCell sx={{ pl: stock.kind === 'PRESCRIBER' ? 5 : 2 }}>
                <HolderName holder={stock} />
              </TableCell>
              <TableCell align="right">{formatCount(stock.carnets)}</TableCell>
              <TableCell align="right">{commune ? count(stock.received) : ''}</TableCell>
              <TableCell align="right">{commune ? count(stock.allocationLimit) : ''}</TableCell>
              <TableCell align="right">
                {commune && stock.allocationLimit !== null
                  ? count(Math.max(stock.allocationLimit - stock.received, 0))
                  : ''}
              </TableCell>
            </TableRow>
          );
        })}
        {beneficiaries > 0 && (
          <TableRow>
            <TableCell>{translate('carnet.stocks.beneficiaries')}</TableCell>
            <TableCell align="right">{formatCount(beneficiaries)}</TableCell>
            <TableCell colSpan={3} />
          </TableRow>
        )}
      </TableBody>
      <TableFooter>
        <TableRow sx={totalRowSx}>
          <TableCell>{translate('carnet.total')}</TableCell>
          <TableCell align="right">{formatCount(total)}</TableCell>
          <TableCell colSpan={3} />
        </TableRow>
      </TableFooter>
    </Table>
  );
};
