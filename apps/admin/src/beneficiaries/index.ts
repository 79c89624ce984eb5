import BeneficiaryIcon from '@mui/icons-material/People';

import { BeneficiaryCreate } from './BeneficiaryCreate';
import { BeneficiaryList } from './BeneficiaryList';
import { BeneficiaryShow } from './BeneficiaryShow';

// No edit page: the counter registers a person and records diagnostics; corrections are rare
// and go through the API's PATCH.
export default {
  list: BeneficiaryList,
  create: BeneficiaryCreate,
  show: BeneficiaryShow,
  icon: BeneficiaryIcon,
};
