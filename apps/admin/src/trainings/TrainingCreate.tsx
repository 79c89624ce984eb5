import { Create, SimpleForm } from 'react-admin';

import { toTrainingDto, TrainingInputs } from './TrainingInputs';

export const TrainingCreate = () => (
  <Create transform={toTrainingDto} redirect="list">
    <SimpleForm sx={{ maxWidth: 640 }}>
      <TrainingInputs />
    </SimpleForm>
  </Create>
);
