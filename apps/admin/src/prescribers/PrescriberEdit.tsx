import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';

import { PrescriberInputs, toPrescriberDto } from './PrescriberInputs';

// The API has no DELETE for prescribers: their carnets' history names them.
const PrescriberEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// Pessimistic: a SIRET refused by the API must show under its input, not after a false success.
export const PrescriberEdit = () => (
  <Edit mutationMode="pessimistic" transform={toPrescriberDto} redirect="show">
    <SimpleForm toolbar={<PrescriberEditToolbar />} sx={{ maxWidth: 640 }}>
      <PrescriberInputs />
    </SimpleForm>
  </Edit>
);
