import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';

import { toTrainingDto, TrainingInputs } from './TrainingInputs';

// The API has no DELETE for trainings: whether an agent was trained depends on them.
const TrainingEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// Pessimistic: a date or an attendee refused by the API must show, not a false success.
export const TrainingEdit = () => (
  <Edit mutationMode="pessimistic" transform={toTrainingDto} redirect="list">
    <SimpleForm toolbar={<TrainingEditToolbar />} sx={{ maxWidth: 640 }}>
      <TrainingInputs />
    </SimpleForm>
  </Edit>
);
