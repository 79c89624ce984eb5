import HistoryIcon from '@mui/icons-material/History';
import RedeemIcon from '@mui/icons-material/PointOfSale';

import { HISTORY_PATH, REDEEM_PATH } from './links';
import { RedeemPage } from './RedeemPage';
import { RedemptionHistoryPage } from './RedemptionHistory';

/**
 * A venue's screens (custom routes, not resources; their roles are `redeem` and `redemptions`
 * in access.ts): « Encaisser des chèques » and its « Historique ». The venue's home is
 * VenueHome, shown by the dashboard.
 */
export const redeem = {
  path: REDEEM_PATH,
  page: RedeemPage,
  icon: RedeemIcon,
  label: 'carnet.redemptions.redeemTitle',
};

export const redemptionHistory = {
  path: HISTORY_PATH,
  page: RedemptionHistoryPage,
  icon: HistoryIcon,
  label: 'carnet.redemptions.history.menu',
};

export { VenueHome } from './VenueHome';
