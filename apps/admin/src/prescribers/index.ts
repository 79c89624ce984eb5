import PrescriberIcon from '@mui/icons-material/Diversity3';

import { PrescriberCreate } from './PrescriberCreate';
import { PrescriberEdit } from './PrescriberEdit';
import { PrescriberList } from './PrescriberList';
import { PrescriberShow } from './PrescriberShow';

export default {
  list: PrescriberList,
  create: PrescriberCreate,
  edit: PrescriberEdit,
  show: PrescriberShow,
  icon: PrescriberIcon,
  recordRepresentation: 'name',
};
