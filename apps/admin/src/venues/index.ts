import VenueIcon from '@mui/icons-material/Place';

import { VenueCreate } from './VenueCreate';
import { VenueEdit } from './VenueEdit';
import { VenueList } from './VenueList';
import { VenueShow } from './VenueShow';

export default {
  list: VenueList,
  create: VenueCreate,
  edit: VenueEdit,
  show: VenueShow,
  icon: VenueIcon,
  recordRepresentation: 'name',
};
