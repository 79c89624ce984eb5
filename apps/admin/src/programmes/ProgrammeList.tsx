import type { Schemas } from '@carnet/api-client';
import {
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { programmeStatusChoices } from '../choices';
import { MoneyField } from '../money';
import { StatusField } from './StatusField';

type Programme = Schemas['ProgrammeResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={programmeStatusChoices} />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

export const ProgrammeList = () => (
  <List
    filters={filters}
    sort={{ field: 'startDate', order: 'DESC' }}
    perPage={25}
    actions={<ListActions />}
  >
    <DataTable<Programme> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="territoryLabel" disableSort />
      <DataTable.Col source="status">
        <StatusField />
      </DataTable.Col>
      <DataTable.Col source="startDate" field={DateField} />
      <DataTable.Col source="endDate" field={DateField} disableSort />
      <DataTable.Col source="budgetCents" field={MoneyField} disableSort align="right" />
    </DataTable>
  </List>
);
