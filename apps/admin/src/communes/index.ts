import CommuneIcon from '@mui/icons-material/LocationCity';

import { CommuneList } from './CommuneList';
import { CommuneShow } from './CommuneShow';

export default {
  list: CommuneList,
  show: CommuneShow,
  icon: CommuneIcon,
  recordRepresentation: 'name',
};
