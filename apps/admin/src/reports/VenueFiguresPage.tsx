import {
  Alert,
  Box,
  Card,
  CardContent,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import { redemptionActions } from '../redemptions/redemptionData';
import { useActingVenue, VenuePicker } from '../redemptions/useActingVenue';
import { Freshness } from './Freshness';
import { MonthlyUse } from './MonthlyUse';
import { reportActions, useReport, type VenueRow } from './reportData';
import { ReportSection } from './ReportSection';
import { ReportsFrame } from './ReportsFrame';
import { ServiceUse } from './ServiceUse';

/** The newest redemptions read to find the programmes a venue works for. */
const RECENT_REDEMPTIONS = 200;

/**
 * The programmes whose cheques the venue has redeemed (its newest redemptions name them), each
 * with its name from its report. A venue's staff cannot list programmes: these are the ones that
 * have figures for it.
 */
function useVenueProgrammes(venueId: string | undefined) {
  const ids = useQuery({
    queryKey: ['reports', 'venue-programmes', venueId],
    queryFn: async () => {
      const page = await redemptionActions.history(venueId!, undefined, RECENT_REDEMPTIONS);
      return [...new Set(page.data.map((r) => r.programmeId))];
    },
    enabled: venueId !== undefined,
  });
  const reports = useQueries({
    queries: (ids.data ?? []).map((id) => ({
      queryKey: ['reports', id, 'by-venue'],
      queryFn: () => reportActions.get(id, 'by-venue'),
      retry: false,
    })),
  });
  const pending = ids.isPending || reports.some((r) => r.isPending);
  const error = ids.error ?? reports.find((r) => r.error)?.error ?? null;
  const programmes = reports.flatMap((r) =>
    r.data ? [{ id: r.data.programmeId, name: r.data.programmeName }] : [],
  );
  return { pending, error, programmes };
}

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Card variant="outlined" component="li" data-testid={testId}>
    <CardContent sx={{ '&:last-child': { pb: 2 } }}>
      <Typography
        variant="h5"
        component="p"
        data-testid={`${testId}-value`}
        sx={{ fontWeight: 600 }}
      >
        {value}
      </Typography>
      <Typography variant="body2" component="p">
        {label}
      </Typography>
    </CardContent>
  </Card>
);

/** The venue's totals for the programme: sessions, cheques, amount, people, paid. */
const VenueTotals = ({ programmeId }: { programmeId: string }) => {
  const t = useTranslate();
  const report = useReport(programmeId, 'by-venue');
  const row: VenueRow | undefined = report.data?.rows[0];
  return (
    <ReportSection
      title={t('carnet.reports.venueFigures.totals')}
      programmeId={programmeId}
      report="by-venue"
      isPending={report.isPending}
      error={report.error}
      testId="report-venue-totals"
      table={
        row ? (
          <Box
            component="ul"
            aria-label={t('carnet.reports.venueFigures.totals')}
            sx={{
              listStyle: 'none',
              p: 0,
              m: 0,
              display: 'grid',
              gap: 2,
              gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 160px), 1fr))',
            }}
          >
            <Figure
              testId="venue-redemptions"
              label={t('carnet.reports.venueFigures.redemptions', { smart_count: row.redemptions })}
              value={formatCount(row.redemptions)}
            />
            <Figure
              testId="venue-cheques"
              label={t('carnet.reports.venueFigures.cheques', { smart_count: row.cheques })}
              value={formatCount(row.cheques)}
            />
            {/* A venue's own amounts (null only in a commune's scope, which this page is not). */}
            {row.amountCents !== null && (
              <Figure
                testId="venue-amount"
                label={t('carnet.reports.venueFigures.amount')}
                value={formatCents(row.amountCents)}
              />
            )}
            {row.paidCents !== null && (
              <Figure
                testId="venue-paid"
                label={t('carnet.reports.venueFigures.paid')}
                value={formatCents(row.paidCents)}
              />
            )}
            <Figure
              testId="venue-participants"
              label={t('carnet.reports.venueFigures.participants', {
                smart_count: row.participants,
              })}
              value={formatCount(row.participants)}
            />
          </Box>
        ) : (
          <Typography variant="body2">{t('carnet.reports.venueFigures.none')}</Typography>
        )
      }
    />
  );
};

/** The venue's figures for one programme (named in `data-programme`, for tests). */
const ProgrammeFigures = ({ programmeId, name }: { programmeId: string; name: string }) => {
  const report = useReport(programmeId, 'by-venue');
  return (
    <Stack
      spacing={2}
      sx={{ minWidth: 0 }}
      data-testid="venue-programme-figures"
      data-programme={name}
    >
      {report.data && <Freshness asOf={report.data.asOf} />}
      <VenueTotals programmeId={programmeId} />
      <MonthlyUse programmeId={programmeId} />
      <ServiceUse programmeId={programmeId} />
    </Stack>
  );
};

/**
 * « Mes chiffres »: a venue's staff's own figures for each programme whose cheques it takes: its
 * totals, month by month and per service, each with its table and its exports. Fits a phone.
 */
export const VenueFiguresPage = () => {
  const t = useTranslate();
  const acting = useActingVenue();
  const venueProgrammes = useVenueProgrammes(acting.venue?.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const title = t('carnet.reports.venueFigures.title');
  if (acting.isPending) return <Loading />;
  if (acting.error) return <Alert severity="error">{acting.error.message}</Alert>;
  if (!acting.venue) {
    return (
      <ReportsFrame title={title}>
        <Alert severity="info">{t('carnet.redemptions.noVenue')}</Alert>
      </ReportsFrame>
    );
  }
  const { programmes } = venueProgrammes;
  const programme = programmes.find((p) => p.id === chosen) ?? programmes[0];
  return (
    <ReportsFrame title={title}>
      <Typography variant="subtitle1" component="p" data-testid="report-scope">
        {acting.venue.name}
      </Typography>
      <Box sx={{ mt: 1 }}>
        <VenuePicker acting={acting} />
      </Box>
      {venueProgrammes.pending ? (
        <Loading />
      ) : venueProgrammes.error ? (
        <Alert severity="error">{venueProgrammes.error.message}</Alert>
      ) : !programme ? (
        <Alert severity="info">{t('carnet.reports.venueFigures.noRedemption')}</Alert>
      ) : (
        <>
          {programmes.length > 1 ? (
            <TextField
              select
              label={t('carnet.reports.programme')}
              value={programme.id}
              onChange={(event) => setChosen(event.target.value)}
              fullWidth
              sx={{ my: 2 }}
            >
              {programmes.map((p) => (
                <MenuItem key={p.id} value={p.id} sx={{ minHeight: 44 }}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <Typography
              variant="body2"
              color="textSecondary"
              sx={{ mb: 1 }}
              data-testid="venue-programme"
            >
              {t('carnet.reports.venueFigures.programme', { programme: programme.name })}
            </Typography>
          )}
          <ProgrammeFigures key={programme.id} programmeId={programme.id} name={programme.name} />
        </>
      )}
    </ReportsFrame>
  );
};
