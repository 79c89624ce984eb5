import { Alert, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Loading, usePermissions, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router';

import { roleCanAccess } from '../access';
import type { Role } from '../choices';
import { formatCount } from '../money';
import { Communes } from './Communes';
import { ExpiryOutlook } from './ExpiryOutlook';
import { Freshness } from './Freshness';
import { FunderSpending } from './FunderSpending';
import { Funnel } from './Funnel';
import { HouseholdCharts, HouseholdTables } from './Households';
import { KpiCards } from './KpiCards';
import { MonthlyUse } from './MonthlyUse';
import { Needs } from './Needs';
import { Prescribers } from './Prescribers';
import {
  chooseProgramme,
  type ReportProgramme,
  type Summary,
  useReport,
  useReportProgrammes,
} from './reportData';
import { ReportSection } from './ReportSection';
import { ReportsFrame } from './ReportsFrame';
import { ServiceUse } from './ServiceUse';
import { Venues } from './Venues';

/** The dashboard's programme, kept in the address (`?programme=`) so that a link or reload keeps it. */
const PROGRAMME_PARAM = 'programme';

/** « Programme »: a choice when the user may read several; its name alone otherwise. */
const ProgrammePicker = ({
  programmes,
  value,
  onChange,
}: {
  programmes: ReportProgramme[];
  value: string;
  onChange: (id: string) => void;
}) => {
  const t = useTranslate();
  if (programmes.length < 2) return null;
  return (
    <TextField
      select
      label={t('carnet.reports.programme')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: { xs: '100%', sm: 360 }, mb: 2 }}
    >
      {programmes.map((p) => (
        <MenuItem key={p.id} value={p.id} sx={{ minHeight: 44 }}>
          {p.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** Who the figures are about: the whole programme, or the référent's commune. */
const scopeLine = (t: (key: string, options?: object) => string, summary: Summary) =>
  summary.scope.kind === 'COMMUNE'
    ? t('carnet.reports.scope.commune', {
        programme: summary.programmeName,
        commune: summary.scope.communeName ?? summary.scope.inseeCode,
      })
    : t('carnet.reports.scope.programme', { programme: summary.programmeName });

/** Every report of one programme, in the user's scope (the API narrows it). */
const ProgrammeDashboard = ({ programme }: { programme: ReportProgramme }) => {
  const t = useTranslate();
  const programmeId = programme.id;
  const summary = useReport(programmeId, 'summary');
  if (summary.isPending) return <Loading />;
  if (summary.error) return <Alert severity="error">{summary.error.message}</Alert>;
  const data = summary.data;
  const programmeScope = data.scope.kind === 'PROGRAMME';
  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      <Typography variant="subtitle1" component="p" data-testid="report-scope">
        {scopeLine(t, data)}
      </Typography>
      <Freshness asOf={data.asOf} />
      {data.asOf === null && (
        <Alert severity="info">{t('carnet.reports.freshness.neverExplained')}</Alert>
      )}
      <ReportSection
        title={t('carnet.reports.kpi.title')}
        programmeId={programmeId}
        report="summary"
        testId="report-summary"
        table={<KpiCards summary={data} />}
      />
      <Funnel summary={data} chequesPerCarnet={programme.chequesPerCarnet} />
      <MonthlyUse programmeId={programmeId} />
      <ReportSection
        title={t('carnet.reports.households.title')}
        description={t('carnet.reports.households.description', {
          smart_count: data.households.total,
          count: formatCount(data.households.total),
        })}
        programmeId={programmeId}
        report="summary"
        testId="report-households"
        chart={<HouseholdCharts summary={data} />}
        table={<HouseholdTables summary={data} />}
      />
      <Communes programmeId={programmeId} />
      {programmeScope && <FunderSpending programmeId={programmeId} />}
      <Prescribers programmeId={programmeId} />
      <Venues programmeId={programmeId} />
      <ServiceUse programmeId={programmeId} />
      <Needs programmeId={programmeId} />
      <ExpiryOutlook programmeId={programmeId} />
    </Stack>
  );
};

/**
 * « Tableau de bord »: the figures of a programme for its managers, finance officers and funders
 * (the programmes it funds), and of its commune for a référent: key figures, the funnel from
 * issue to payment, month by month, the households reached, communes (table and map), funders,
 * structures, venues, services, needs and what expires soon. Every chart has its table, every
 * report its CSV and Excel export.
 */
export const ReportsPage = () => {
  const t = useTranslate();
  const { permissions } = usePermissions<Role>();
  const [searchParams, setSearchParams] = useSearchParams();
  const allowed = permissions !== undefined && roleCanAccess(permissions, 'reports');
  const programmes = useReportProgrammes(allowed);
  const title = t('carnet.reports.title');
  if (permissions !== undefined && !allowed) {
    return (
      <ReportsFrame title={title}>
        <Alert severity="info">{t('carnet.reports.notForYou')}</Alert>
      </ReportsFrame>
    );
  }
  if (programmes.isPending) return <Loading />;
  if (programmes.error) return <Alert severity="error">{programmes.error.message}</Alert>;
  const programme = chooseProgramme(programmes.data, searchParams.get(PROGRAMME_PARAM));
  return (
    <ReportsFrame title={title}>
      {programme ? (
        <>
          <ProgrammePicker
            programmes={programmes.data}
            value={programme.id}
            onChange={(id) => setSearchParams({ [PROGRAMME_PARAM]: id })}
          />
          <ProgrammeDashboard key={programme.id} programme={programme} />
        </>
      ) : (
        <Alert severity="info">{t('carnet.reports.noProgramme')}</Alert>
      )}
    </ReportsFrame>
  );
};
