import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Loading, useGetOne, useRecordContext, useTranslate } from 'react-admin';

import { formatBasisPoints, formatCents } from '../money';
import type { ProgrammeParts } from '../programmeData';
import { ShareBar } from '../funding/FundingSharesTab';

type Programme = Schemas['ProgrammeResponseDto'];

const Figure = ({ label, cents, colour }: { label: string; cents: number; colour?: string }) => (
  <Card variant="outlined" sx={{ minWidth: 200, flex: 1 }}>
    <CardContent>
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p" sx={{ color: colour }}>
        {formatCents(cents)}
      </Typography>
    </CardContent>
  </Card>
);

/** Budget, value of the allocation in force and what remains, in total and per funder. */
export const BudgetTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const { data, isPending, error } = useGetOne<ProgrammeParts['budgets']>(
    'budgets',
    { id: programme?.id ?? '' },
    { enabled: programme !== undefined },
  );
  if (!programme) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  const used = data.budgetCents > 0 ? data.allocatedCents / data.budgetCents : 0;
  return (
    <Stack spacing={3} sx={{ maxWidth: 1000 }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Figure label={translate('carnet.budget.budget')} cents={data.budgetCents} />
        <Figure label={translate('carnet.budget.allocated')} cents={data.allocatedCents} />
        <Figure
          label={translate('carnet.budget.remaining')}
          cents={data.remainingCents}
          colour={data.remainingCents < 0 ? 'error.main' : undefined}
        />
        <Figure label={translate('carnet.budget.issued')} cents={data.issuedCents} />
      </Stack>
      <Box>
        <Typography variant="body2" gutterBottom>
          {translate('carnet.budget.used', { share: formatBasisPoints(Math.round(used * 10_000)) })}
        </Typography>
        <ShareBar share={used} />
      </Box>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('carnet.shares.funder')}</TableCell>
            <TableCell align="right">{translate('carnet.shares.share')}</TableCell>
            <TableCell align="right">{translate('carnet.budget.budget')}</TableCell>
            <TableCell align="right">{translate('carnet.budget.allocated')}</TableCell>
            <TableCell align="right">{translate('carnet.budget.remaining')}</TableCell>
            <TableCell align="right">{translate('carnet.budget.issued')}</TableCell>
            <TableCell sx={{ width: '20%' }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {data.byFunder.map((part) => (
            <TableRow key={part.funderId}>
              <TableCell>{part.funderName}</TableCell>
              <TableCell align="right">{formatBasisPoints(part.basisPoints)}</TableCell>
              <TableCell align="right">{formatCents(part.budgetCents)}</TableCell>
              <TableCell align="right">{formatCents(part.allocatedCents)}</TableCell>
              <TableCell align="right">{formatCents(part.remainingCents)}</TableCell>
              <TableCell align="right">{formatCents(part.issuedCents)}</TableCell>
              <TableCell>
                <ShareBar
                  share={part.budgetCents > 0 ? part.allocatedCents / part.budgetCents : 0}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
};
