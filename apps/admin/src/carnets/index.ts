import CarnetIcon from '@mui/icons-material/MenuBook';

import { CarnetList } from './CarnetList';
import { CarnetShow } from './CarnetShow';

// Carnets are issued from their programme's « Émissions » tab, never created here.
export default {
  list: CarnetList,
  show: CarnetShow,
  icon: CarnetIcon,
  recordRepresentation: 'serial',
};
