import CheckIcon from '@mui/icons-material/FactCheck';
import HistoryIcon from '@mui/icons-material/History';
import FiguresIcon from '@mui/icons-material/Insights';
import RedeemIcon from '@mui/icons-material/PointOfSale';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { CHEQUE_CHECK_PATH } from '../cheques/links';
import { Figure, figureGridSx } from '../homes/Figure';
import { formatMonth } from '../homes/homeData';
import { formatCents } from '../money';
import { VENUE_FIGURES_PATH } from '../reports/links';
import { HISTORY_PATH, REDEEM_PATH } from './links';
import { redemptionActions, type Venue } from './redemptionData';
import { monthInFrance } from './redemptionRules';
import { useActingVenue, VenuePicker } from './useActingVenue';

/** This month's redemptions still standing: how many, and what they are worth. */
const MonthFigures = ({ venue }: { venue: Venue }) => {
  const translate = useTranslate();
  const period = monthInFrance();
  const month = useQuery({
    queryKey: ['redemptions', 'month', venue.id, period],
    queryFn: () => redemptionActions.month(venue.id, period),
  });
  if (month.isPending) return <Loading />;
  if (month.error) return <Alert severity="error">{month.error.message}</Alert>;
  const amount = month.data.reduce((sum, r) => sum + r.amountCents, 0);
  const cheques = month.data.reduce((sum, r) => sum + r.cheques.length, 0);
  const monthName = formatMonth(period);
  return (
    <>
      <Box sx={figureGridSx}>
        <Figure
          label={translate('carnet.redemptions.home.count', {
            smart_count: month.data.length,
            month: monthName,
          })}
          value={month.data.length}
          testId="figure-redemptions"
        />
        <Figure
          label={translate('carnet.redemptions.home.amount', {
            smart_count: cheques,
            month: monthName,
          })}
          value={formatCents(amount)}
          testId="figure-amount"
        />
      </Box>
      <Typography variant="body2">
        {translate('carnet.redemptions.home.paidWhen', { month: monthName })}
      </Typography>
    </>
  );
};

/**
 * A venue's staff's home: its actions (redeem, history, check a cheque, its figures) and this
 * month's redemptions with when they are paid.
 */
export const VenueHome = () => {
  const translate = useTranslate();
  const acting = useActingVenue();
  if (acting.isPending) return <Loading />;
  if (acting.error) return <Alert severity="error">{acting.error.message}</Alert>;
  if (!acting.venue) {
    return <Alert severity="info">{translate('carnet.redemptions.noVenue')}</Alert>;
  }
  const venue = acting.venue;
  return (
    <Box>
      <Typography variant="h6" component="h2">
        {venue.name}
      </Typography>
      <Box sx={{ mt: 1 }}>
        <VenuePicker acting={acting} />
      </Box>
      {venue.qualificationStatus !== 'QUALIFIED' && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('carnet.redemptions.notQualified')}
        </Alert>
      )}
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        useFlexGap
        sx={{ my: 2, flexWrap: 'wrap' }}
      >
        <Button
          component={Link}
          to={REDEEM_PATH}
          variant="contained"
          startIcon={<RedeemIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.redemptions.redeemTitle')}
        </Button>
        <Button
          component={Link}
          to={HISTORY_PATH}
          variant="outlined"
          startIcon={<HistoryIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.redemptions.history.menu')}
        </Button>
        <Button
          component={Link}
          to={CHEQUE_CHECK_PATH}
          variant="outlined"
          startIcon={<CheckIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.chequeCheck.title')}
        </Button>
        <Button
          component={Link}
          to={VENUE_FIGURES_PATH}
          variant="outlined"
          startIcon={<FiguresIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.reports.venueFigures.title')}
        </Button>
      </Stack>
      <MonthFigures venue={venue} />
    </Box>
  );
};
