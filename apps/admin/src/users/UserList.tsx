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
import { csvChoice, csvDay, CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { OrganisationInput } from '../organisations/OrganisationInput';
import { ResendInvitationButton } from './ResendInvitationButton';

type User = Schemas['UserResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <OrganisationInput key="organisationId" source="organisationId" />,
  <NullableBooleanInput key="active" source="active" />,
];

// Staff accounts, for a review of who may do what; no password nor token is in the list.
const exporter = csvExporter<User>('utilisateurs', [
  fieldColumn('users', 'email'),
  fieldColumn('users', 'displayName'),
  fieldColumn('users', 'role', (u) => csvChoice(roleChoices, u.role)),
  fieldColumn('users', 'organisationName'),
  fieldColumn('users', 'active', (u) => u.active),
  fieldColumn('users', 'lastLoginAt', (u) => csvDay(u.lastLoginAt)),
  fieldColumn('users', 'createdAt', (u) => csvDay(u.createdAt)),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

export const UserList = () => (
  <List
    filters={filters}
    sort={{ field: 'email', order: 'ASC' }}
    perPage={25}
    actions={<ListActions />}
    exporter={exporter}
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
