import type { Schemas } from '@carnet/api-client';
import {
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  TopToolbar,
} from 'react-admin';

import { OrganisationInput } from '../organisations/OrganisationInput';
import { ScopesField } from './ScopesField';
import { StatusField } from './StatusField';

type ApiClient = Schemas['ApiClientResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OrganisationInput key="organisationId" source="organisationId" />,
  <NullableBooleanInput key="revoked" source="revoked" />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

export const ApiClientList = () => (
  <List
    filters={filters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    actions={<ListActions />}
  >
    <DataTable<ApiClient> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="clientId" disableSort />
      <DataTable.Col source="organisationName" disableSort />
      <DataTable.Col source="scopes" disableSort>
        <ScopesField />
      </DataTable.Col>
      <DataTable.Col source="createdAt" field={DateField} />
      <DataTable.Col source="status" disableSort>
        <StatusField />
      </DataTable.Col>
    </DataTable>
  </List>
);
