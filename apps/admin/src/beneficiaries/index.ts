import BeneficiaryIcon from '@mui/icons-material/People';

import { BeneficiaryCreate } from './BeneficiaryCreate';
import { BeneficiaryList } from './BeneficiaryList';
import { BeneficiaryShow } from './BeneficiaryShow';
import { OrientationSlip } from './OrientationSlip';

// No edit page: the counter registers a person and records diagnostics; corrections are rare
// and go through the API's PATCH.
/** The printable orientation slip: a page of its own, without the admin's menu and bar. */
export const orientationSlip = {
  path: '/beneficiaries/:id/slip',
  page: OrientationSlip,
};

export default {
  list: BeneficiaryList,
  create: BeneficiaryCreate,
  show: BeneficiaryShow,
  icon: BeneficiaryIcon,
};
