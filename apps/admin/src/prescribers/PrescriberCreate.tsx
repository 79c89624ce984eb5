import { Create, SimpleForm } from 'react-admin';

import { PrescriberInputs, toPrescriberDto } from './PrescriberInputs';

export const PrescriberCreate = () => (
  <Create transform={toPrescriberDto} redirect="show">
    <SimpleForm sx={{ maxWidth: 640 }}>
      <PrescriberInputs />
    </SimpleForm>
  </Create>
);
