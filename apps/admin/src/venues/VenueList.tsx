import type { Schemas } from '@carnet/api-client';
import DownloadIcon from '@mui/icons-material/Download';
import { Button as MuiButton } from '@mui/material';
import {
  BooleanField,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';

import { itineranceChoices, qualificationStatusChoices, type Role } from '../choices';
import { csvChoice, CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { apiPath } from '../http';
import { usePhone } from '../phone';
import { ImportVenuesButton } from './ImportVenuesButton';
import { QualificationStatusField } from './QualificationStatusChip';
import { VenueMap } from './VenueMap';

type Venue = Schemas['VenueResponseDto'];

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="qualificationStatus"
    source="qualificationStatus"
    choices={qualificationStatusChoices}
    alwaysOn
  />,
  <SelectInput key="itinerance" source="itinerance" choices={itineranceChoices} alwaysOn />,
];

/** The open data need no sign-in: a plain link, which the browser downloads. */
const OpenDataLink = () => {
  const translate = useTranslate();
  return (
    <MuiButton
      size="small"
      href={apiPath('/api/v1/public/venues.csv', {})}
      download
      startIcon={<DownloadIcon />}
    >
      {translate('carnet.venues.openData')}
    </MuiButton>
  );
};

const exporter = csvExporter<Venue>('lieux', [
  fieldColumn('venues', 'name'),
  fieldColumn('venues', 'communeName'),
  fieldColumn('venues', 'postalCode'),
  fieldColumn('venues', 'itinerance', (v) =>
    (v.itinerance ?? []).map((i) => csvChoice(itineranceChoices, i)).join(', '),
  ),
  fieldColumn('venues', 'qualificationStatus', (v) =>
    csvChoice(qualificationStatusChoices, v.qualificationStatus),
  ),
  fieldColumn('venues', 'acceptsPass', (v) => v.acceptsPass),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <OpenDataLink />
    <ImportVenuesButton />
    <CreateButton />
  </TopToolbar>
);

export const VenueList = () => {
  // A venue's staff sees its own venue only: « Mon lieu ».
  const { permissions } = usePermissions<Role>();
  const translate = useTranslate();
  const phone = usePhone();
  return (
    <List
      title={permissions === 'VENUE_STAFF' ? translate('carnet.venues.myVenue') : undefined}
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={50}
      actions={<ListActions />}
      exporter={exporter}
    >
      <VenueMap />
      {phone ? <VenueCards /> : <VenueTable />}
    </List>
  );
};

/** On a phone (a venue's staff), one card per venue: its name, where, its qualification. */
const VenueCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Venue>
      primaryText={(v) => v.name}
      secondaryText={(v) => [v.postalCode, v.communeName].filter(Boolean).join(' ')}
      tertiaryText={(v) => translate(`carnet.qualificationStatuses.${v.qualificationStatus}`)}
      linkType="show"
    />
  );
};

const VenueTable = () => (
  <DataTable<Venue> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="name" />
    <DataTable.Col source="communeName" />
    <DataTable.Col source="postalCode" disableSort />
    <DataTable.Col
      source="itinerance"
      disableSort
      render={(venue: Venue) => venue.itinerance?.join(', ')}
    />
    <DataTable.Col source="qualificationStatus">
      <QualificationStatusField />
    </DataTable.Col>
    <DataTable.Col source="acceptsPass" disableSort field={BooleanField} />
  </DataTable>
);
