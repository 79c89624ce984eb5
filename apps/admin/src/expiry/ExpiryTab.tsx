import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Labeled, Loading, useGetOne, useRecordContext, useTranslate } from 'react-admin';

import { formatLongDay } from '../dates';
import { HolderName } from '../carnets/holders';
import { formatCents, formatCount } from '../money';
import type { ProgrammeParts } from '../programmeData';

type Programme = Schemas['ProgrammeResponseDto'];
type ExpiryRow = Schemas['ExpiryRowDto'];

const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label}>
    <Typography component="span" variant="body2">
      {children}
    </Typography>
  </Labeled>
);

/** An expiry row as a holder: the programme stock, a commune or a prescriber. */
const holderOf = (row: ExpiryRow) => ({
  kind: row.level,
  inseeCode: row.inseeCode,
  communeName: row.communeName,
  prescriberName: row.prescriberName,
});

/**
 * Expiry of the programme's cheques: the dates, a banner from the alert window on, the carnets
 * not yet handed out per commune and prescriber, and once expired the value per funder.
 */
export const ExpiryTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const { data, isPending, error } = useGetOne<ProgrammeParts['expiries']>(
    'expiries',
    { id: programme?.id ?? '' },
    { enabled: programme !== undefined },
  );
  if (!programme) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  const over = data.daysLeft <= 0;
  const { expired } = data;
  return (
    <Stack spacing={3} sx={{ maxWidth: 1000 }}>
      {over ? (
        <Alert severity="error" data-testid="expiry-alert">
          {translate('carnet.expiry.over', { date: formatLongDay(data.expiresOn) })}
        </Alert>
      ) : (
        data.alert && (
          <Alert severity="warning" data-testid="expiry-alert">
            {translate('carnet.expiry.alert', {
              smart_count: data.daysLeft,
              date: formatLongDay(data.expiresOn),
            })}
          </Alert>
        )
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          gap: 2,
        }}
      >
        <Item label="carnet.expiry.validityEndDate">{formatLongDay(data.validityEndDate)}</Item>
        <Item label="carnet.expiry.graceDays">
          {translate('carnet.programmes.days', { smart_count: data.graceDays })}
        </Item>
        <Item label="carnet.expiry.expiresOn">{formatLongDay(data.expiresOn)}</Item>
        <Item label="carnet.expiry.daysLeft">{formatCount(Math.max(data.daysLeft, 0))}</Item>
      </Box>
      {data.rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {translate('carnet.expiry.noRows')}
        </Typography>
      ) : (
        <Table size="small" aria-label={translate('carnet.programmes.tabs.expiry')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('carnet.expiry.holder')}</TableCell>
              <TableCell align="right">{translate('carnet.expiry.issued')}</TableCell>
              <TableCell align="right">{translate('carnet.expiry.handedOut')}</TableCell>
              <TableCell align="right">{translate('carnet.expiry.notHandedOut')}</TableCell>
              <TableCell align="right">{translate('carnet.expiry.started')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((row) => (
              <TableRow key={`${row.level}-${row.inseeCode ?? ''}-${row.prescriberId ?? ''}`} hover>
                <TableCell sx={{ pl: row.level === 'PRESCRIBER' ? 5 : 2 }}>
                  <HolderName holder={holderOf(row)} />
                </TableCell>
                <TableCell align="right">{formatCount(row.issued)}</TableCell>
                <TableCell align="right">{formatCount(row.handedOut)}</TableCell>
                <TableCell
                  align="right"
                  sx={{
                    color: data.alert && row.notHandedOut > 0 ? 'warning.dark' : undefined,
                    fontWeight: data.alert && row.notHandedOut > 0 ? 'bold' : undefined,
                  }}
                >
                  {formatCount(row.notHandedOut)}
                </TableCell>
                <TableCell align="right">{formatCount(row.started)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {expired && (
        <Box>
          <Typography variant="h6" gutterBottom>
            {translate('carnet.expiry.expiredTitle')}
          </Typography>
          {expired.cheques === 0 ? (
            <Typography variant="body2">{translate('carnet.expiry.noneExpired')}</Typography>
          ) : (
            <Stack spacing={1}>
              <Typography variant="body2" data-testid="expired-summary">
                {translate('carnet.expiry.expiredSummary', {
                  smart_count: expired.cheques,
                  count: formatCount(expired.cheques),
                  value: formatCents(expired.valueCents),
                })}
              </Typography>
              <Table size="small" sx={{ maxWidth: 600 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('carnet.expiry.funder')}</TableCell>
                    <TableCell align="right">{translate('carnet.expiry.amount')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {expired.byFunder.map((part) => (
                    <TableRow key={part.funderId}>
                      <TableCell>{part.funderName}</TableCell>
                      <TableCell align="right">{formatCents(part.cents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Stack>
          )}
        </Box>
      )}
    </Stack>
  );
};
