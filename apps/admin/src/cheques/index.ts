import ChequeIcon from '@mui/icons-material/FactCheck';

import { ChequeCheckPage } from './ChequeCheckPage';
import { CHEQUE_CHECK_PATH } from './links';

/**
 * « Vérifier un chèque »: a page of its own (a custom route), not a resource. Its roles are
 * `cheques` in access.ts.
 */
export default {
  path: CHEQUE_CHECK_PATH,
  page: ChequeCheckPage,
  icon: ChequeIcon,
  label: 'carnet.chequeCheck.title',
};
