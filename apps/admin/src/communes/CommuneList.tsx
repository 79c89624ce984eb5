import type { Schemas } from '@carnet/api-client';
import {
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SimpleList,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';

import { CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { usePhone } from '../phone';
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

export const CommuneList = () => {
  const phone = usePhone();
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      actions={<ListActions />}
      exporter={exporter}
    >
      {phone ? <CommuneCards /> : <CommuneTable />}
    </List>
  );
};

/** On a phone (a commune référent's), one card per commune: its name, codes and population. */
const CommuneCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Commune>
      primaryText={(c) => c.name}
      secondaryText={(c) => [c.inseeCode, ...c.postalCodes].join(' · ')}
      tertiaryText={(c) =>
        translate('carnet.communes.inhabitants', {
          population: c.population.toLocaleString('fr-FR'),
        })
      }
      linkType="show"
    />
  );
};

const CommuneTable = () => (
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
);
