import type { Schemas } from '@carnet/api-client';
import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { roleChoices } from '../choices';
import { ResendInvitationButton } from './ResendInvitationButton';
import { OrganisationInput } from '../organisations/OrganisationInput';

type User = Schemas['UserResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <OrganisationInput key="organisationId" source="organisationId" />,
  <NullableBooleanInput key="active" source="active" />,
];

// No export button: a CSV of every account is personal data with no purpose here.
const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

export const UserList = () => (
  <List
    filters={filters}
    sort={{ field: 'email', order: 'ASC' }}
    perPage={25}
    actions={<ListActions />}
  >
    <DataTable<User> rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="email" />
      <DataTable.Col source="displayName" />
      <DataTable.Col source="role" disableSort>
        <SelectField source="role" choices={roleChoices} />
      </DataTable.Col>
      <DataTable.Col source="organisationName" disableSort />
      <DataTable.Col source="active" field={BooleanField} disableSort />
      <DataTable.Col source="invitationPending" disableSort>
        <ResendInvitationButton />
      </DataTable.Col>
      <DataTable.Col source="lastLoginAt" field={DateField} disableSort />
      <DataTable.Col source="createdAt" field={DateField} />
    </DataTable>
  </List>
);
