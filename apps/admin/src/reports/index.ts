import ChartIcon from '@mui/icons-material/Insights';
import DashboardIcon from '@mui/icons-material/QueryStats';

import { REPORTS_PATH, VENUE_FIGURES_PATH } from './links';
import { ReportsPage } from './ReportsPage';
import { VenueFiguresPage } from './VenueFiguresPage';

/**
 * « Tableau de bord »: a programme's figures for its managers, finance officers and funders, a
 * commune's for its référent (a custom route; `reports` in access.ts).
 */
export const reports = {
  path: REPORTS_PATH,
  page: ReportsPage,
  icon: DashboardIcon,
  label: 'carnet.reports.title',
};

/** « Mes chiffres »: a venue's own figures (a custom route; `venueFigures` in access.ts). */
export const venueFigures = {
  path: VENUE_FIGURES_PATH,
  page: VenueFiguresPage,
  icon: ChartIcon,
  label: 'carnet.reports.venueFigures.title',
};
