import type { Schemas } from '@carnet/api-client';
import TrainingIcon from '@mui/icons-material/School';

import { formatLongDay } from '../dates';

import { TrainingCreate } from './TrainingCreate';
import { TrainingEdit } from './TrainingEdit';
import { TrainingList } from './TrainingList';

export default {
  list: TrainingList,
  create: TrainingCreate,
  edit: TrainingEdit,
  icon: TrainingIcon,
  // « Formation du 29 novembre 2026 » in titles, never its id.
  recordRepresentation: (training: Schemas['TrainingResponseDto']) =>
    `du ${formatLongDay(training.date)}`,
};
