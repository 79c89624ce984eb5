import DashboardIcon from '@mui/icons-material/QueryStats';
import { Alert, Box, Button, Typography } from '@mui/material';
import { Loading, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { KpiCards } from './KpiCards';
import { REPORTS_PATH } from './links';
import { chooseProgramme, useReport, useReportProgrammes } from './reportData';
import { formatAsOf } from './reportFormat';

/** The link to the dashboard, from a home. */
export const DashboardLink = ({ programmeId }: { programmeId?: string }) => {
  const t = useTranslate();
  return (
    <Button
      component={Link}
      to={programmeId ? `${REPORTS_PATH}?programme=${programmeId}` : REPORTS_PATH}
      variant="contained"
      startIcon={<DashboardIcon />}
      sx={{ minHeight: 48 }}
    >
      {t('carnet.reports.home.open')}
    </Button>
  );
};

/**
 * The home of those who steer or fund a programme: the key figures of its current programme and
 * the way to the full dashboard.
 */
export const HomeFigures = () => {
  const t = useTranslate();
  const programmes = useReportProgrammes();
  const programme = programmes.data && chooseProgramme(programmes.data);
  const summary = useReport(programme?.id, 'summary');
  if (programmes.isPending) return <Loading />;
  if (programmes.error) return <Alert severity="error">{programmes.error.message}</Alert>;
  if (!programme) {
    return <Typography variant="body2">{t('carnet.dashboard.intro')}</Typography>;
  }
  return (
    <Box component="section" aria-labelledby="home-programme" sx={{ mt: 2 }}>
      <Typography variant="h6" component="h2" id="home-programme">
        {programme.name}
      </Typography>
      {summary.isPending ? (
        <Loading />
      ) : summary.error ? (
        <Alert severity="error">{summary.error.message}</Alert>
      ) : (
        <>
          <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
            {summary.data.asOf
              ? t('carnet.reports.freshness.asOf', { asOf: formatAsOf(summary.data.asOf) })
              : t('carnet.reports.freshness.never')}
          </Typography>
          <KpiCards summary={summary.data} />
        </>
      )}
      <Box sx={{ mt: 2 }}>
        <DashboardLink programmeId={programme.id} />
      </Box>
    </Box>
  );
};
