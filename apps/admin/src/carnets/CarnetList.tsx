import type { Schemas } from '@carnet/api-client';
import {
  AutocompleteInput,
  DataTable,
  DateField,
  FilterButton,
  List,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleList,
  TextInput,
  Loading,
  TopToolbar,
  useCanAccess,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import type { CarnetIdentity } from '../authProvider';
import { carnetStatusChoices, holderKindChoices } from '../choices';
import {
  csvChoice,
  csvDay,
  CsvExportButton,
  csvExporter,
  csvLabel,
  fieldColumn,
  translate,
} from '../csvExport';
import { usePhone } from '../phone';
import { HolderName, holderLabel } from './holders';
import { CarnetStatusField } from './StatusChips';
import { TransferRangeButton, TransferSelectionButton } from './TransferButtons';

type Carnet = Schemas['CarnetResponseDto'];

const HolderField = (_props: { label?: string }) => {
  const record = useRecordContext<Carnet>();
  if (!record) return null;
  // A cancelled carnet has no holder any more: show whom it was cancelled at.
  return <HolderName holder={record.holder ?? record.lastHolder} />;
};

const CancellationField = (_props: { label?: string }) => {
  const record = useRecordContext<Carnet>();
  const translate = useTranslate();
  if (!record?.cancellationReason) return null;
  return <>{translate(`carnet.cancellationReasons.${record.cancellationReason}`)}</>;
};

const exporter = csvExporter<Carnet>('carnets', [
  fieldColumn('carnets', 'serial'),
  fieldColumn('carnets', 'status', (c) => csvChoice(carnetStatusChoices, c.status)),
  fieldColumn('carnets', 'holder', (c) => holderLabel(translate, c.holder ?? c.lastHolder)),
  fieldColumn('carnets', 'cancellationReason', (c) =>
    csvLabel('carnet.cancellationReasons', c.cancellationReason),
  ),
  fieldColumn('carnets', 'createdAt', (c) => csvDay(c.createdAt)),
]);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CsvExportButton />
    <TransferRangeButton />
  </TopToolbar>
);

/** Filters on programmes and prescribers only for the roles that may read them. */
function useFilters() {
  const { canAccess: programmes } = useCanAccess({ resource: 'programmes', action: 'list' });
  const { canAccess: prescribers } = useCanAccess({ resource: 'prescribers', action: 'list' });
  return [
    ...(programmes
      ? [
          <ReferenceInput
            key="programmeId"
            source="programmeId"
            reference="programmes"
            sort={{ field: 'startDate', order: 'DESC' }}
            alwaysOn
          >
            <SelectInput optionText="name" />
          </ReferenceInput>,
        ]
      : []),
    <SelectInput
      key="status"
      source="status"
      choices={carnetStatusChoices}
      alwaysOn
      sx={{ minWidth: 140 }}
    />,
    <SelectInput
      key="holderKind"
      source="holderKind"
      choices={holderKindChoices}
      alwaysOn
      sx={{ minWidth: 220 }}
    />,
    <NumberInput key="serialFrom" source="serialFrom" min={1} alwaysOn sx={{ maxWidth: 120 }} />,
    <NumberInput key="serialTo" source="serialTo" min={1} alwaysOn sx={{ maxWidth: 120 }} />,
    <TextInput key="inseeCode" source="inseeCode" sx={{ maxWidth: 200 }} />,
    ...(prescribers
      ? [
          <ReferenceInput
            key="prescriberId"
            source="prescriberId"
            reference="prescribers"
            sort={{ field: 'name', order: 'ASC' }}
          >
            <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
          </ReferenceInput>,
        ]
      : []),
  ];
}

/** On a phone, one card per carnet: its number, who holds it, its status. */
const CarnetCards = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Carnet>
      primaryText={(carnet) => translate('carnet.carnets.title', { serial: carnet.serial })}
      secondaryText={(carnet) => <HolderName holder={carnet.holder ?? carnet.lastHolder} />}
      tertiaryText={(carnet) => translate(`carnet.carnetStatuses.${carnet.status}`)}
      linkType="show"
      rowSx={() => ({ minHeight: 48 })}
    />
  );
};

export const CarnetList = () => {
  const filters = useFilters();
  const phone = usePhone();
  const { identity, isPending } = useGetIdentity();
  if (isPending) return <Loading />;
  // A référent opens on the carnets it may move, its commune's stock; its prescribers' carnets
  // are one filter away (read only: their structure moves them).
  const referent = (identity as CarnetIdentity | undefined)?.role === 'COMMUNE_REFERENT';
  return (
    <List
      filters={filters}
      filterDefaultValues={referent ? { holderKind: 'COMMUNE' } : undefined}
      sort={{ field: 'serial', order: 'ASC' }}
      perPage={phone ? 25 : 50}
      actions={<ListActions />}
      exporter={exporter}
    >
      {phone ? <CarnetCards /> : <CarnetTable />}
    </List>
  );
};

const CarnetTable = () => (
  <DataTable<Carnet> rowClick="show" bulkActionButtons={<TransferSelectionButton />}>
    <DataTable.Col source="serial" />
    <DataTable.Col source="status" disableSort>
      <CarnetStatusField />
    </DataTable.Col>
    <DataTable.Col source="holder" disableSort>
      <HolderField />
    </DataTable.Col>
    <DataTable.Col source="cancellationReason" disableSort>
      <CancellationField />
    </DataTable.Col>
    <DataTable.Col source="createdAt" field={DateField} />
  </DataTable>
);
