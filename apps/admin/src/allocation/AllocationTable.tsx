import type { Schemas } from '@carnet/api-client';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { criterionLabel } from './criteria';
import { totalRowSx } from '../tables';

type AllocationLine = Schemas['AllocationLineDto'];
type AllocationTotals = Schemas['AllocationTotalsDto'];

const shareFormat = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  maximumFractionDigits: 2,
});
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });

/** "+3" / "−2" / "0"; `null` when there was nothing to compare with. */
export const Change = ({ change }: { change: number | null }) => {
  const translate = useTranslate();
  if (change === null) {
    return (
      <Typography component="span" variant="body2" color="textSecondary">
        {translate('carnet.allocation.new')}
      </Typography>
    );
  }
  const colour = change > 0 ? 'success.main' : change < 0 ? 'error.main' : 'text.secondary';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  return (
    <Typography component="span" variant="body2" sx={{ color: colour }}>
      {`${sign}${formatCount(Math.abs(change))}`}
    </Typography>
  );
};

/** Why a commune gets its variable part: each criterion's value, share and weight. */
const Explanation = ({ line }: { line: AllocationLine }) => {
  const translate = useTranslate();
  return (
    <Box>
      {line.explanation.map((item) => (
        <Typography key={item.criterion} variant="caption" component="div">
          {translate('carnet.allocation.explanation', {
            criterion: criterionLabel(translate, item.criterion),
            value: formatCount(item.value),
            share: shareFormat.format(item.share),
            weight: decimalFormat.format(item.weight),
            contribution: decimalFormat.format(item.contribution),
          })}
        </Typography>
      ))}
      {line.exactVariable !== undefined && (
        <Typography variant="caption" component="div">
          {translate('carnet.allocation.exactVariable', {
            exact: decimalFormat.format(line.exactVariable),
            rounded: formatCount(line.variable),
          })}
        </Typography>
      )}
    </Box>
  );
};

/**
 * A commune's line. Its name is a button that shows how its carnets were computed under it: a
 * hover tooltip would be out of reach of a keyboard and of a finger.
 */
const AllocationRow = ({ line, showChange }: { line: AllocationLine; showChange: boolean }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const explanationId = useId();
  return (
    <>
      <TableRow hover>
        <TableCell>
          <Button
            size="small"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-controls={open ? explanationId : undefined}
            endIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            title={translate('carnet.allocation.showExplanation')}
            sx={{ textTransform: 'none', textAlign: 'left', p: 0, minWidth: 0 }}
          >
            {line.communeName}
          </Button>
        </TableCell>
        <TableCell align="right">{formatCount(line.fixed)}</TableCell>
        <TableCell align="right">{formatCount(line.variable)}</TableCell>
        <TableCell align="right">{formatCount(line.total)}</TableCell>
        {showChange && (
          <TableCell align="right">
            <Change change={line.change} />
          </TableCell>
        )}
      </TableRow>
      {open && (
        <TableRow>
          <TableCell
            id={explanationId}
            colSpan={showChange ? 5 : 4}
            sx={{ bgcolor: 'action.hover' }}
          >
            <Explanation line={line} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

/**
 * One line per commune (fixed part, variable part, total and, for a preview, the change from the
 * allocation in force), then a totals row. Hovering a commune explains its variable part.
 */
export const AllocationTable = ({
  lines,
  totals,
  totalChange,
  showChange,
}: {
  lines: readonly AllocationLine[];
  totals: AllocationTotals;
  /** Change of the grand total from the allocation in force (null when there is none). */
  totalChange?: number | null;
  showChange: boolean;
}) => {
  const translate = useTranslate();
  const sorted = [...lines].sort((a, b) => a.communeName.localeCompare(b.communeName, 'fr'));
  return (
    // Focusable, so a keyboard can scroll the table as a mouse does (WCAG 2.1.1), and named.
    <TableContainer
      sx={{ maxHeight: 640 }}
      tabIndex={0}
      role="region"
      aria-label={translate('carnet.allocation.tableLabel')}
    >
      <Table size="small" stickyHeader>
        <TableHead>
          <TableRow>
            <TableCell>{translate('carnet.allocation.commune')}</TableCell>
            <TableCell align="right">{translate('carnet.allocation.fixed')}</TableCell>
            <TableCell align="right">{translate('carnet.allocation.variable')}</TableCell>
            <TableCell align="right">{translate('carnet.allocation.total')}</TableCell>
            {showChange && (
              <TableCell align="right">{translate('carnet.allocation.change')}</TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((line) => (
            <AllocationRow key={line.inseeCode} line={line} showChange={showChange} />
          ))}
        </TableBody>
        <TableFooter sx={{ position: 'sticky', bottom: 0, bgcolor: 'background.paper' }}>
          <TableRow data-testid="allocation-totals" sx={totalRowSx}>
            <TableCell>{translate('carnet.total')}</TableCell>
            <TableCell align="right">{formatCount(totals.fixed)}</TableCell>
            <TableCell align="right">{formatCount(totals.variable)}</TableCell>
            <TableCell align="right">{formatCount(totals.total)}</TableCell>
            {showChange && (
              <TableCell align="right">
                <Change change={totalChange ?? null} />
              </TableCell>
            )}
          </TableRow>
        </TableFooter>
      </Table>
    </TableContainer>
  );
};
