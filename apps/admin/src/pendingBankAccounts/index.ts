import PendingIcon from '@mui/icons-material/AccountBalance';

import { PendingBankAccountList } from './PendingBankAccountList';

// A queue, read-only: each line is decided in place (see BankAccountDecision).
export default {
  list: PendingBankAccountList,
  icon: PendingIcon,
};
