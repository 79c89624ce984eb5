import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';

import { FunderInputs, toFunderDto } from './FunderInputs';
import { FunderLogoField } from './FunderLogoField';

// The API has no DELETE for funders: programmes keep their history.
const FunderEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// Pessimistic: a SIRET refused by the API must show under its input, not after a false success.
export const FunderEdit = () => (
  <Edit mutationMode="pessimistic" transform={toFunderDto} redirect="list">
    <SimpleForm toolbar={<FunderEditToolbar />} sx={{ maxWidth: 640 }}>
      <FunderInputs />
      <FunderLogoField canChange />
    </SimpleForm>
  </Edit>
);
