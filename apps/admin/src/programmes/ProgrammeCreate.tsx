import { Create, SimpleForm } from 'react-admin';

import { programmeDefaults, ProgrammeInputs, toCreateProgrammeDto } from './ProgrammeInputs';

// A new programme starts in DRAFT: its funders' shares come next, on its page.
export const ProgrammeCreate = () => (
  <Create transform={toCreateProgrammeDto} redirect="show">
    <SimpleForm defaultValues={programmeDefaults} sx={{ maxWidth: 960 }}>
      <ProgrammeInputs />
    </SimpleForm>
  </Create>
);
