import FunderIcon from '@mui/icons-material/AccountBalance';

import { FunderCreate } from './FunderCreate';
import { FunderEdit } from './FunderEdit';
import { FunderList } from './FunderList';
import { FunderShow } from './FunderShow';

export default {
  list: FunderList,
  create: FunderCreate,
  edit: FunderEdit,
  show: FunderShow,
  icon: FunderIcon,
  recordRepresentation: 'name',
};
