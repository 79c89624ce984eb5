import { Create, SimpleForm } from 'react-admin';

import { FunderInputs, toFunderDto } from './FunderInputs';

export const FunderCreate = () => (
  <Create transform={toFunderDto} redirect="list">
    <SimpleForm sx={{ maxWidth: 640 }}>
      <FunderInputs />
    </SimpleForm>
  </Create>
);
