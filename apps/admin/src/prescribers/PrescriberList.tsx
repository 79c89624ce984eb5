import type { Schemas } from '@carnet/api-client';
import { Box, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleList,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import { prescriberTypeChoices } from '../choices';
import { csvChoice, CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { usePhone } from '../phone';

type Prescriber = Schemas['PrescriberResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="type" source="type" choices={prescriberTypeChoices} alwaysOn />,
  <TextInput
    key="inseeCode"
    source="inseeCode"
    label="resources.carnets.fields.inseeCode"
    sx={{ maxWidth: 200 }}
  />,
];

const CommuneCell = (_props: { label?: string }) => {
  const record = useRecordContext<Prescriber>();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">{record.communeName ?? record.inseeCode}</Typography>
      <Typography variant="caption" color="textSecondary">
        {record.inseeCode}
      </Typography>
    </Box>
  );
};

// CreateButton hides itself for roles that may only read (authProvider.canAccess).
const exporter = csvExporter<Prescriber>('structures', [
  fieldColumn('prescribers', 'name'),
  fieldColumn('prescribers', 'type', (p) => csvChoice(prescriberTypeChoices, p.type)),
  fieldColumn('prescribers', 'inseeCode', (p) => p.communeName ?? p.inseeCode),
  { header: 'Code INSEE', value: (p) => p.inseeCode },
  fieldColumn('prescribers', 'email'),
  fieldColumn('prescribers', 'phone'),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

/** On a phone, one card per structure: its name, its type and commune. */
const PrescriberCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Prescriber>
      primaryText={(p) => p.name}
      secondaryText={(p) =>
        [translate(`carnet.prescriberTypes.${p.type}`), p.communeName].filter(Boolean).join(' — ')
      }
      linkType="show"
    />
  );
};

export const PrescriberList = () => {
  const phone = usePhone();
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={exporter}
    >
      {phone ? <PrescriberCards /> : <PrescriberTable />}
    </List>
  );
};

const PrescriberTable = () => (
  <DataTable<Prescriber> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="name" />
    <DataTable.Col source="type" disableSort>
      <SelectField source="type" choices={prescriberTypeChoices} />
    </DataTable.Col>
    <DataTable.Col source="inseeCode">
      <CommuneCell />
    </DataTable.Col>
    <DataTable.Col source="email" disableSort />
    <DataTable.Col source="phone" disableSort />
  </DataTable>
);
