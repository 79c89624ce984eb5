import { DateField, Labeled, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';

import { PostalCodesField } from './PostalCodesField';

export const CommuneShow = () => (
  <Show actions={false}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="inseeCode" />
      <TextField source="siren" emptyText="—" />
      <Labeled label="resources.communes.fields.postalCodes">
        <PostalCodesField />
      </Labeled>
      <NumberField source="population" locales="fr-FR" />
      <TextField source="departement" />
      <TextField source="epciName" emptyText="—" />
      <TextField source="epciSiren" emptyText="—" />
      <DateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);
