import CheckIcon from '@mui/icons-material/CheckCircle';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatChequeNumber } from '../beneficiaries/scanning';
import { formatDateTime, formatLongDay } from '../dates';
import { formatMonth } from '../homes/homeData';
import { formatCents } from '../money';
import { HISTORY_PATH } from './links';
import type { Redemption } from './redemptionData';
import { formatDuration, redemptionReference } from './redemptionRules';

const Line = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box component="div" sx={{ display: 'contents' }}>
    <Typography component="dt" variant="body2" color="textSecondary">
      {label}
    </Typography>
    <Typography component="dd" sx={{ m: 0, fontWeight: 500, overflowWrap: 'anywhere' }}>
      {children}
    </Typography>
  </Box>
);

/**
 * What the venue shows the person once the cheques are redeemed: how many, how much, for what,
 * when and where, and the reference to quote. Also where to cancel a mistake.
 */
export const RedemptionReceipt = ({
  redemption,
  onAnother,
}: {
  redemption: Redemption;
  onAnother: () => void;
}) => {
  const translate = useTranslate();
  const title = useRef<HTMLHeadingElement>(null);
  // The form was long: show the confirmation from its top, and say it to screen readers.
  useEffect(() => {
    window.scrollTo({ top: 0 });
    title.current?.focus();
  }, []);
  return (
    <Card data-testid="redemption-receipt" sx={{ mt: 2 }}>
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CheckIcon color="success" sx={{ fontSize: 40 }} />
            <Typography
              ref={title}
              tabIndex={-1}
              variant="h5"
              component="h2"
              sx={{ outline: 'none' }}
            >
              {translate('carnet.redemptions.receipt.title')}
            </Typography>
          </Stack>
          <Box>
            <Typography variant="h3" component="p" sx={{ fontWeight: 600 }}>
              {formatCents(redemption.amountCents)}
            </Typography>
            <Typography sx={{ fontSize: '1.25rem' }}>
              {translate('carnet.redemptions.receipt.cheques', {
                smart_count: redemption.cheques.length,
              })}
            </Typography>
          </Box>
          <Box
            component="dl"
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' },
              columnGap: 2,
              rowGap: { xs: 0.25, sm: 1 },
              m: 0,
              '& dd': { mb: { xs: 1, sm: 0 } },
            }}
          >
            <Line label={translate('carnet.redemptions.receipt.service')}>
              {redemption.service}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.date')}>
              {formatLongDay(redemption.serviceDate)}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.duration')}>
              {formatDuration(redemption.durationMinutes)}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.participants')}>
              {redemption.participants}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.venue')}>
              {redemption.venueName}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.numbers')}>
              {redemption.cheques.map((c) => formatChequeNumber(c.number)).join(', ')}
            </Line>
            <Line label={translate('carnet.redemptions.receipt.reference')}>
              <Box
                component="span"
                data-testid="redemption-reference"
                sx={{ fontFamily: 'monospace' }}
              >
                {redemptionReference(redemption.id)}
              </Box>
            </Line>
          </Box>
          <Typography variant="body2" color="textSecondary">
            {translate('carnet.redemptions.receipt.period', {
              month: formatMonth(redemption.period),
            })}{' '}
            {translate('carnet.redemptions.receipt.cancellableUntil', {
              date: formatDateTime(redemption.cancellableUntil),
            })}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
            <Button variant="contained" onClick={onAnother} sx={{ minHeight: 48 }}>
              {translate('carnet.redemptions.receipt.another')}
            </Button>
            <Button component={Link} to={HISTORY_PATH} variant="outlined" sx={{ minHeight: 48 }}>
              {translate('carnet.redemptions.history.see')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
