import { Create, SimpleForm } from 'react-admin';

import { toCreateVenueDto, venueDefaults, VenueInputs } from './VenueInputs';

// A new venue starts as a candidate (« Candidature »): its qualification comes next, on its page.
export const VenueCreate = () => (
  <Create transform={toCreateVenueDto} redirect="show">
    <SimpleForm defaultValues={venueDefaults} sx={{ maxWidth: 960 }}>
      <VenueInputs />
    </SimpleForm>
  </Create>
);
