import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatCount } from '../money';
import { Bars } from './Bars';
import { SERIES_COLOURS } from './charts';
import { type Column, DataTable } from './DataTable';
import type { Summary } from './reportData';
import { ageBandLabel, formatRate, situationLabel } from './reportFormat';

interface Part {
  code: string;
  label: string;
  households: number;
}

const PartTable = ({ label, rows, total }: { label: string; rows: Part[]; total: number }) => {
  const t = useTranslate();
  const columns: Column<Part>[] = [
    { key: 'label', label, value: (r) => r.label },
    {
      key: 'households',
      label: t('carnet.reports.columns.households'),
      numeric: true,
      value: (r) => formatCount(r.households),
    },
    {
      key: 'share',
      label: t('carnet.reports.columns.shareOfHouseholds'),
      numeric: true,
      value: (r) => formatRate(total > 0 ? r.households / total : null),
    },
  ];
  return <DataTable label={label} columns={columns} rows={rows} rowKey={(r) => r.code} />;
};

/**
 * « Publics touchés »: the households reached by situation and by age band, two bar charts (with
 * their tables one click away, in the section that holds them).
 */
export const HouseholdCharts = ({ summary }: { summary: Summary }) => {
  const t = useTranslate();
  const { situations, ageBands } = householdParts(t, summary);
  const seriesLabel = t('carnet.reports.columns.households');
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('carnet.reports.households.bySituation')}
        </Typography>
        <Bars
          categories={situations.map((p) => p.label)}
          series={[
            {
              label: seriesLabel,
              data: situations.map((p) => p.households),
              colour: SERIES_COLOURS.purple,
            },
          ]}
        />
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('carnet.reports.households.byAgeBand')}
        </Typography>
        <Bars
          categories={ageBands.map((p) => p.label)}
          series={[
            {
              label: seriesLabel,
              data: ageBands.map((p) => p.households),
              colour: SERIES_COLOURS.green,
            },
          ]}
        />
      </Box>
    </Box>
  );
};

export const HouseholdTables = ({ summary }: { summary: Summary }) => {
  const t = useTranslate();
  const { situations, ageBands } = householdParts(t, summary);
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <PartTable
        label={t('carnet.reports.households.bySituation')}
        rows={situations}
        total={summary.households.total}
      />
      <PartTable
        label={t('carnet.reports.households.byAgeBand')}
        rows={ageBands}
        total={summary.households.total}
      />
    </Box>
  );
};

function householdParts(t: (key: string, options?: object) => string, summary: Summary) {
  return {
    situations: summary.households.bySituation.map((s) => ({
      code: s.situation,
      label: situationLabel(t, s.situation),
      households: s.households,
    })),
    ageBands: summary.households.byAgeBand.map((a) => ({
      code: a.ageBand,
      label: ageBandLabel(t, a.ageBand),
      households: a.households,
    })),
  };
}
