import type { Schemas } from '@carnet/api-client';
import {
  BooleanField,
  DateField,
  EditButton,
  EmailField,
  NumberField,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TextField,
  TopToolbar,
  UrlField,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import type { Role } from '../choices';
import { BankAccountTab } from './BankAccountTab';
import { QualificationStatusField } from './QualificationStatusChip';
import { QualificationTab } from './QualificationTab';
import { ValuesField } from './ValuesField';

type Venue = Schemas['VenueResponseDto'];

// EditButton hides itself for readers (finance officers).
const ShowActions = () => (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

const VenueTitle = () => {
  const record = useRecordContext<Venue>();
  const translate = useTranslate();
  const { permissions } = usePermissions<Role>();
  if (!record) return null;
  return (
    <span>
      {permissions === 'VENUE_STAFF'
        ? `${translate('carnet.venues.myVenue')} — ${record.name}`
        : record.name}
    </span>
  );
};

// Each tab's content is one component; `label={false}` stops the tab from titling it.
export const VenueShow = () => (
  <Show actions={<ShowActions />} title={<VenueTitle />}>
    <TabbedShowLayout
      // On a phone the tabs scroll inside their bar, and the page does not.
      tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}
    >
      <TabbedShowLayout.Tab label="carnet.venues.tabs.info">
        <TextField source="name" />
        <TextField source="pivot" />
        <QualificationStatusField label="resources.venues.fields.qualificationStatus" />
        <BooleanField source="acceptsPass" />
        <ValuesField source="typologies" />
        <TextField source="summary" emptyText="—" />
        <TextField source="address" />
        <TextField source="addressComplement" emptyText="—" />
        <TextField source="postalCode" />
        <TextField source="communeName" />
        <TextField source="inseeCode" emptyText="—" />
        <NumberField source="latitude" emptyText="—" options={{ maximumFractionDigits: 6 }} />
        <NumberField source="longitude" emptyText="—" options={{ maximumFractionDigits: 6 }} />
        <ValuesField source="itinerance" />
        <ValuesField source="servedInseeCodes" />
        <TextField source="horaires" emptyText="—" />
        <ValuesField source="services" />
        <ValuesField source="publics" />
        <ValuesField source="specificSupport" />
        <ValuesField source="fees" />
        <ValuesField source="accessModalities" />
        <ValuesField source="supportModalities" />
        <TextField source="phone" emptyText="—" />
        <EmailField source="email" emptyText="—" />
        <UrlField source="website" emptyText="—" target="_blank" rel="noreferrer" />
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="carnet.venues.tabs.qualification" path="qualification">
        <QualificationTab label={false} />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="carnet.venues.tabs.bankAccount" path="compte-bancaire">
        <BankAccountTab label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
