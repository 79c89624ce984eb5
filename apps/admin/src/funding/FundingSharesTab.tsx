import type { Schemas } from '@carnet/api-client';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Loading, useGetOne, useRecordContext, useTranslate } from 'react-admin';

import { formatBasisPoints, formatCents } from '../money';
import { totalRowSx } from '../tables';
import type { ProgrammeParts } from '../programmeData';
import { FundingSharesForm } from './FundingSharesForm';
import { useCanChangeProgramme } from '../programmes/useCanChangeProgramme';
import { Button } from '../Button';

type Programme = Schemas['ProgrammeResponseDto'];

/** A thin horizontal bar, `share` from 0 to 1. */
export const ShareBar = ({
  share,
  colour = 'primary.main',
}: {
  share: number;
  colour?: string;
}) => (
  <Box sx={{ height: 8, bgcolor: 'action.hover', borderRadius: 1, minWidth: 80 }}>
    <Box
      sx={{
        height: '100%',
        width: `${Math.min(Math.max(share, 0), 1) * 100}%`,
        bgcolor: colour,
        borderRadius: 1,
      }}
    />
  </Box>
);

/** Who pays what: each funder's share and its part of the budget; managers edit the shares. */
export const FundingSharesTab = (_props: { label?: false }) => {
  const record = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const [editing, setEditing] = useState(false);
  const { data, isPending, error } = useGetOne<ProgrammeParts['funding-shares']>(
    'funding-shares',
    { id: record?.id ?? '' },
    { enabled: record !== undefined },
  );
  if (!record) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  if (editing) {
    return (
      <FundingSharesForm
        shares={data}
        onDone={() => setEditing(false)}
        budgetCents={record.budgetCents}
      />
    );
  }

  const partOfBudget = data.shares.reduce((sum, share) => sum + share.budgetPartCents, 0);
  return (
    <Stack spacing={2}>
      {canChange && (
        <Box>
          <Button label="carnet.shares.edit" variant="outlined" onClick={() => setEditing(true)}>
            <EditIcon />
          </Button>
        </Box>
      )}
      {data.totalBasisPoints !== 10_000 && (
        <Alert severity="warning">
          {translate('carnet.shares.incomplete', {
            total: formatBasisPoints(data.totalBasisPoints),
          })}
        </Alert>
      )}
      {data.shares.length === 0 ? (
        <Typography variant="body2">{translate('carnet.shares.none')}</Typography>
      ) : (
        <Table size="small" sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('carnet.shares.funder')}</TableCell>
              <TableCell align="right">{translate('carnet.shares.share')}</TableCell>
              <TableCell sx={{ width: '30%' }} />
              <TableCell align="right">{translate('carnet.shares.budgetPart')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.shares.map((share) => (
              <TableRow key={share.funderId}>
                <TableCell>{share.funderName}</TableCell>
                <TableCell align="right">{formatBasisPoints(share.basisPoints)}</TableCell>
                <TableCell>
                  <ShareBar share={share.basisPoints / 10_000} />
                </TableCell>
                <TableCell align="right">{formatCents(share.budgetPartCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow sx={totalRowSx}>
              <TableCell>{translate('carnet.total')}</TableCell>
              <TableCell align="right">{formatBasisPoints(data.totalBasisPoints)}</TableCell>
              <TableCell />
              <TableCell align="right">{formatCents(partOfBudget)}</TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      )}
    </Stack>
  );
};
