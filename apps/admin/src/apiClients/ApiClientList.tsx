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

import {
  csvDay,
  CsvExportButton,
  csvExporter,
  csvLabel,
  fieldColumn,
  translate,
} from '../csvExport';
import { OrganisationInput } from '../organisations/OrganisationInput';
import { ScopesField } from './ScopesField';
import { StatusField } from './StatusField';

type ApiClient = Schemas['ApiClientResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OrganisationInput key="organisationId" source="organisationId" />,
  <NullableBooleanInput key="revoked" source="revoked" />,
];

const exporter = csvExporter<ApiClient>('clients-api', [
  fieldColumn('api-clients', 'name'),
  fieldColumn('api-clients', 'clientId'),
  fieldColumn('api-clients', 'organisationName'),
  fieldColumn('api-clients', 'scopes', (c) =>
    c.scopes.map((scope) => csvLabel('carnet.scopes', scope)).join(', '),
  ),
  fieldColumn('api-clients', 'createdAt', (c) => csvDay(c.createdAt)),
  fieldColumn('api-clients', 'status', (c) =>
    translate(c.revokedAt ? 'carnet.apiClients.revoked' : 'carnet.apiClients.active'),
  ),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

export const ApiClientList = () => (
  <List
    filters={filters}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
    actions={<ListActions />}
    exporter={exporter}
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
