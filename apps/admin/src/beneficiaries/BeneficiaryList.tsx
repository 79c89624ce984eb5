import { Button } from '@mui/material';
import HomeIcon from '@mui/icons-material/Home';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  DataTable,
  DateField,
  List,
  SelectField,
  SimpleList,
  TextInput,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import type { Beneficiary } from '../beneficiaryData';
import { situationChoices } from '../choices';
import {
  csvChoice,
  csvDay,
  CsvExportButton,
  csvExporter,
  fieldColumn,
  translate,
} from '../csvExport';
import { formatDay } from '../dates';
import { usePhone } from '../phone';
import { ageOf, nameOf } from './labels';
import { HouseholdSearchDialog } from './HouseholdSearchDialog';

const filters = [
  <TextInput
    key="firstName"
    source="firstName"
    label="carnet.beneficiaries.searchFirstName"
    alwaysOn
    resettable
  />,
];

const HouseholdSearchButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button startIcon={<HomeIcon />} onClick={() => setOpen(true)} sx={{ minHeight: 44 }}>
        {translate('carnet.beneficiaries.household.button')}
      </Button>
      {open && <HouseholdSearchDialog onClose={() => setOpen(false)} />}
    </>
  );
};

// A worded button rather than react-admin's round « + » on phones: the counter's first action.
const RegisterButton = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <Button
      component={Link}
      to={createPath({ resource: 'beneficiaries', type: 'create' })}
      variant="contained"
      startIcon={<PersonAddIcon />}
      sx={{ minHeight: 44 }}
    >
      {translate('carnet.beneficiaries.create')}
    </Button>
  );
};

// Counts for the structure's own follow-up: no first name leaves the application in a file.
const exporter = csvExporter<Beneficiary>('beneficiaires', [
  fieldColumn('beneficiaries', 'situation', (b) => csvChoice(situationChoices, b.situation)),
  fieldColumn('beneficiaries', 'ageBand', (b) => ageOf(b, translate)),
  fieldColumn('beneficiaries', 'createdAt', (b) => csvDay(b.createdAt)),
]);

const ListActions = () => (
  <TopToolbar sx={{ flexWrap: 'wrap', gap: 1, '& .MuiButton-root': { minHeight: 44 } }}>
    <RegisterButton />
    <HouseholdSearchButton />
    <CsvExportButton />
  </TopToolbar>
);

/** On a phone, one card per person: who (first name, or « Personne inscrite le … »), situation, age. */
const BeneficiaryCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Beneficiary>
      primaryText={(b) => nameOf(b, translate)}
      secondaryText={(b) =>
        [translate(`carnet.situations.${b.situation}`), ageOf(b, translate)].join(' — ')
      }
      tertiaryText={(b) => formatDay(b.createdAt)}
      linkType="show"
      rowSx={() => ({ minHeight: 56 })}
    />
  );
};

const NameCell = (_props: { label?: string }) => {
  const record = useRecordContext<Beneficiary>();
  const translate = useTranslate();
  return record ? <>{nameOf(record, translate)}</> : null;
};

const AgeCell = (_props: { label?: string }) => {
  const record = useRecordContext<Beneficiary>();
  const translate = useTranslate();
  return record ? <>{ageOf(record, translate)}</> : null;
};

const BeneficiaryTable = () => (
  <DataTable<Beneficiary> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="firstName">
      <NameCell />
    </DataTable.Col>
    <DataTable.Col source="situation" disableSort>
      <SelectField source="situation" choices={situationChoices} />
    </DataTable.Col>
    <DataTable.Col source="ageBand" disableSort>
      <AgeCell />
    </DataTable.Col>
    <DataTable.Col source="createdAt">
      <DateField source="createdAt" />
    </DataTable.Col>
  </DataTable>
);

/**
 * The counter's people, most recent first: the person just seen is at the top. Search by first
 * name, or find a household by its address (never stored).
 */
export const BeneficiaryList = () => {
  const phone = usePhone();
  return (
    <List
      // A first name typed at the counter stays in neither the URL (browser history) nor the
      // browser's storage.
      storeKey={false}
      disableSyncWithLocation
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={exporter}
      empty={false}
    >
      {phone ? <BeneficiaryCards /> : <BeneficiaryTable />}
    </List>
  );
};
