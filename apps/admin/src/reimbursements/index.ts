import StatementIcon from '@mui/icons-material/ReceiptLong';
import BatchIcon from '@mui/icons-material/RequestQuote';

import { BatchCreate } from './BatchCreate';
import { BatchList } from './BatchList';
import { BatchShow } from './BatchShow';
import { StatementsPage } from './StatementsPage';

/**
 * « Remboursements »: the monthly batches that pay the venues (finance officers create, approve,
 * export and record payments; a programme manager reads them).
 */
export default {
  list: BatchList,
  create: BatchCreate,
  show: BatchShow,
  icon: BatchIcon,
};

/** « Mes relevés »: a venue's staff's statements (a custom route; `statements` in access.ts). */
export const statements = {
  path: '/releves',
  page: StatementsPage,
  icon: StatementIcon,
  label: 'carnet.statements.title',
};
