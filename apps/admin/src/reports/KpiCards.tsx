import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import type { Summary } from './reportData';
import { formatDays, formatRate } from './reportFormat';

/** A key figure: its value written out, what it counts, and a detail line. */
const Kpi = ({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  testId: string;
}) => (
  <Card variant="outlined" component="li" data-testid={testId} sx={{ height: '100%' }}>
    <CardContent sx={{ p: { xs: 1.5, sm: 2 }, '&:last-child': { pb: { xs: 1.5, sm: 2 } } }}>
      <Typography
        variant="h5"
        component="p"
        data-testid={`${testId}-value`}
        sx={{
          fontWeight: 600,
          overflowWrap: 'anywhere',
          fontSize: { xs: '1.25rem', sm: '1.5rem' },
        }}
      >
        {value}
      </Typography>
      <Typography variant="body2" component="p">
        {label}
      </Typography>
      {detail && (
        <Typography variant="caption" component="p" color="textSecondary" sx={{ mt: 0.5 }}>
          {detail}
        </Typography>
      )}
    </CardContent>
  </Card>
);

/**
 * The key figures of a programme (or of a commune's share of it): carnets handed out, households,
 * cheques used and the rate, the money (programme scope only) and the time to first use.
 */
export const KpiCards = ({ summary }: { summary: Summary }) => {
  const t = useTranslate();
  const { carnets, cheques, households, amounts, firstUse } = summary;
  return (
    <Box
      component="ul"
      aria-label={t('carnet.reports.kpi.label')}
      sx={{
        listStyle: 'none',
        p: 0,
        m: 0,
        display: 'grid',
        gap: 2,
        // Two side by side on a phone, as many as fit (five or six) on a wide screen.
        gridTemplateColumns: {
          xs: 'repeat(2, minmax(0, 1fr))',
          sm: 'repeat(auto-fill, minmax(210px, 1fr))',
        },
      }}
    >
      <Kpi
        testId="kpi-handed-out"
        label={t('carnet.reports.kpi.handedOut', { smart_count: carnets.handedOut })}
        value={formatCount(carnets.handedOut)}
        detail={t('carnet.reports.kpi.handedOutDetail', {
          started: formatCount(carnets.started),
          completed: formatCount(carnets.completed),
        })}
      />
      <Kpi
        testId="kpi-households"
        label={t('carnet.reports.kpi.households', { smart_count: households.total })}
        value={formatCount(households.total)}
      />
      <Kpi
        testId="kpi-used"
        label={t('carnet.reports.kpi.used', { smart_count: cheques.used })}
        value={formatCount(cheques.used)}
        detail={t('carnet.reports.kpi.usedDetail', {
          smart_count: cheques.reimbursed,
          reimbursed: formatCount(cheques.reimbursed),
        })}
      />
      <Kpi
        testId="kpi-rate"
        label={t('carnet.reports.kpi.rate')}
        value={formatRate(cheques.redemptionRate)}
        detail={t('carnet.reports.kpi.rateDetail')}
      />
      {amounts && (
        <>
          <Kpi
            testId="kpi-committed"
            label={t('carnet.reports.kpi.committed')}
            value={formatCents(amounts.committedCents)}
            detail={t('carnet.reports.kpi.committedDetail')}
          />
          <Kpi
            testId="kpi-redeemed"
            label={t('carnet.reports.kpi.redeemed')}
            value={formatCents(amounts.redeemedCents)}
            detail={t('carnet.reports.kpi.redeemedDetail')}
          />
          <Kpi
            testId="kpi-paid"
            label={t('carnet.reports.kpi.paid')}
            value={formatCents(amounts.paidCents)}
            detail={t('carnet.reports.kpi.paidDetail')}
          />
          <Kpi
            testId="kpi-remaining"
            label={t('carnet.reports.kpi.remaining')}
            value={formatCents(amounts.remainingCents)}
            detail={t('carnet.reports.kpi.remainingDetail', {
              budget: formatCents(amounts.budgetCents),
            })}
          />
        </>
      )}
      <Kpi
        testId="kpi-first-use"
        label={t('carnet.reports.kpi.firstUse')}
        value={formatDays(t, firstUse.medianDays)}
        detail={
          firstUse.p90Days == null
            ? t('carnet.reports.kpi.firstUseNone')
            : t('carnet.reports.kpi.firstUseDetail', {
                p90: formatDays(t, firstUse.p90Days),
                carnets: formatCount(firstUse.carnets),
              })
        }
      />
    </Box>
  );
};
