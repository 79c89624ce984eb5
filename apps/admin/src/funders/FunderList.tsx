import type { Schemas } from '@carnet/api-client';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';

import { funderKindChoices } from '../choices';
import { csvChoice, CsvExportButton, csvExporter, fieldColumn } from '../csvExport';

type Funder = Schemas['FunderResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={funderKindChoices} />,
];

const exporter = csvExporter<Funder>('financeurs', [
  fieldColumn('funders', 'name'),
  fieldColumn('funders', 'kind', (f) => csvChoice(funderKindChoices, f.kind)),
  fieldColumn('funders', 'siret'),
  fieldColumn('funders', 'contactName'),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

export const FunderList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'funders', action: 'edit' });
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={exporter}
    >
      <DataTable<Funder> rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={funderKindChoices} />
        </DataTable.Col>
        <DataTable.Col source="siret" disableSort />
        <DataTable.Col source="contactName" disableSort />
      </DataTable>
    </List>
  );
};
