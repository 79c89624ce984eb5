import { DateField, Labeled, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';

import { RevokeButton } from './RevokeButton';
import { ScopesField } from './ScopesField';
import { StatusField } from './StatusField';

const ShowActions = () => (
  <TopToolbar>
    <RevokeButton />
  </TopToolbar>
);

export const ApiClientShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="clientId" sx={{ fontFamily: 'monospace' }} />
      <TextField source="organisationName" />
      <Labeled label="resources.api-clients.fields.scopes">
        <ScopesField />
      </Labeled>
      <Labeled label="resources.api-clients.fields.status">
        <StatusField />
      </Labeled>
      <DateField source="createdAt" showTime />
      <DateField source="revokedAt" showTime emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
