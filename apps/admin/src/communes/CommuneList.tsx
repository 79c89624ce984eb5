import type { Schemas } from '@carnet/api-client';
import { DataTable, FilterButton, List, SearchInput, TextInput, TopToolbar } from 'react-admin';

import { CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { ImportCommunesButton } from './ImportCommunesButton';
import { PostalCodesField } from './PostalCodesField';

/** The data provider adds `id`, a copy of the INSEE code. */
type Commune = Schemas['CommuneResponseDto'] & { id: string };

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="departement" source="departement" alwaysOn sx={{ maxWidth: 140 }} />,
  <TextInput key="epciSiren" source="epciSiren" alwaysOn />,
];

const exporter = csvExporter<Commune>('communes', [
  fieldColumn('communes', 'inseeCode'),
  fieldColumn('communes', 'name'),
  fieldColumn('communes', 'postalCodes', (c) => c.postalCodes.join(', ')),
  fieldColumn('communes', 'population'),
  fieldColumn('communes', 'departement'),
  fieldColumn('communes', 'epciName'),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <ImportCommunesButton />
  </TopToolbar>
);

export const CommuneList = () => (
  <List
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    perPage={50}
    actions={<ListActions />}
    exporter={exporter}
  >
    <DataTable<Commune> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="inseeCode" />
      <DataTable.Col source="name" />
      <DataTable.Col source="postalCodes" disableSort>
        <PostalCodesField />
      </DataTable.Col>
      <DataTable.NumberCol source="population" locales="fr-FR" />
      <DataTable.Col source="departement" disableSort />
      <DataTable.Col source="epciName" disableSort />
    </DataTable>
  </List>
);
