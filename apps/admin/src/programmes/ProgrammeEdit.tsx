import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';

import { ProgrammeInputs, toUpdateProgrammeDto } from './ProgrammeInputs';

// Programmes are closed, never deleted.
const ProgrammeEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const ProgrammeEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdateProgrammeDto} redirect="show">
    <SimpleForm toolbar={<ProgrammeEditToolbar />} sx={{ maxWidth: 960 }}>
      <ProgrammeInputs />
    </SimpleForm>
  </Edit>
);
