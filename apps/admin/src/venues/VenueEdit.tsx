import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';

import { toUpdateVenueDto, VenueInputs } from './VenueInputs';

// Venues are withdrawn (qualification), never deleted.
const VenueEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const VenueEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdateVenueDto} redirect="show">
    <SimpleForm toolbar={<VenueEditToolbar />} sx={{ maxWidth: 960 }}>
      <VenueInputs />
    </SimpleForm>
  </Edit>
);
