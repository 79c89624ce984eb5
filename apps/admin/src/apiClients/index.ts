import ApiClientIcon from '@mui/icons-material/VpnKey';

import { ApiClientCreate } from './ApiClientCreate';
import { ApiClientList } from './ApiClientList';
import { ApiClientShow } from './ApiClientShow';

export default {
  list: ApiClientList,
  create: ApiClientCreate,
  show: ApiClientShow,
  icon: ApiClientIcon,
  recordRepresentation: 'name',
};
