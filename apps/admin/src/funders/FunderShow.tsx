import {
  DateField,
  EditButton,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';

import { funderKindChoices } from '../choices';
import { FunderLogoField } from './FunderLogoField';

// EditButton hides itself for roles that may only read (authProvider.canAccess).
const ShowActions = () => (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

export const FunderShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <SelectField source="kind" choices={funderKindChoices} />
      <TextField source="siret" emptyText="—" />
      <TextField source="contactName" emptyText="—" />
      <TextField source="contactEmail" emptyText="—" />
      <TextField source="contactPhone" emptyText="—" />
      <DateField source="createdAt" />
      <FunderLogoField label="" />
    </SimpleShowLayout>
  </Show>
);
