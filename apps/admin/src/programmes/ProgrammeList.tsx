import type { Schemas } from '@carnet/api-client';
import {
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  useTranslate,
} from 'react-admin';

import { programmeStatusChoices } from '../choices';
import {
  csvCents,
  csvChoice,
  csvDay,
  CsvExportButton,
  csvExporter,
  fieldColumn,
} from '../csvExport';
import { formatDay } from '../dates';
import { MoneyField } from '../money';
import { usePhone } from '../phone';
import { StatusField } from './StatusField';

type Programme = Schemas['ProgrammeResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={programmeStatusChoices} />,
];

const exporter = csvExporter<Programme>('programmes', [
  fieldColumn('programmes', 'name'),
  fieldColumn('programmes', 'territoryLabel'),
  fieldColumn('programmes', 'status', (p) => csvChoice(programmeStatusChoices, p.status)),
  fieldColumn('programmes', 'startDate', (p) => csvDay(p.startDate)),
  fieldColumn('programmes', 'endDate', (p) => csvDay(p.endDate)),
  fieldColumn('programmes', 'budgetCents', (p) => csvCents(p.budgetCents)),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

export const ProgrammeList = () => {
  const phone = usePhone();
  return (
    <List
      filters={filters}
      sort={{ field: 'startDate', order: 'DESC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={exporter}
    >
      {phone ? <ProgrammeCards /> : <ProgrammeTable />}
    </List>
  );
};

/** On a phone (a commune référent's), one card per programme: its name, status and dates. */
const ProgrammeCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Programme>
      primaryText={(p) => p.name}
      secondaryText={(p) =>
        `${translate(`carnet.programmeStatuses.${p.status}`)} — ${translate(
          'carnet.programmes.period',
          { start: formatDay(p.startDate), end: formatDay(p.endDate) },
        )}`
      }
      tertiaryText={(p) => p.territoryLabel}
      linkType="show"
    />
  );
};

const ProgrammeTable = () => (
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
);
