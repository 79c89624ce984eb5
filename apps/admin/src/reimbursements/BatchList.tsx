import {
  CreateButton,
  DataTable,
  List,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import { batchStatusChoices } from '../choices';
import { csvCents, csvChoice, CsvExportButton, csvExporter, fieldColumn } from '../csvExport';
import { formatMonth } from '../homes/homeData';
import { MoneyField } from '../money';
import type { Batch } from './batchData';
import { BatchStatusChip } from './StatusChips';

const filters = [
  <ReferenceInput
    key="programmeId"
    source="programmeId"
    reference="programmes"
    sort={{ field: 'startDate', order: 'DESC' }}
    alwaysOn
  >
    <SelectInput optionText="name" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <SelectInput
    key="status"
    source="status"
    choices={batchStatusChoices}
    alwaysOn
    sx={{ minWidth: 180 }}
  />,
];

// CreateButton hides itself for readers (a programme manager: see access.ts).
const exporter = csvExporter<Batch>('remboursements', [
  fieldColumn('reimbursement-batches', 'period', (b) => formatMonth(b.period)),
  fieldColumn('reimbursement-batches', 'programmeName'),
  fieldColumn('reimbursement-batches', 'status', (b) => csvChoice(batchStatusChoices, b.status)),
  fieldColumn('reimbursement-batches', 'lineCount'),
  fieldColumn('reimbursement-batches', 'chequeCount'),
  fieldColumn('reimbursement-batches', 'payableCents', (b) => csvCents(b.payableCents)),
  fieldColumn('reimbursement-batches', 'onHoldCents', (b) => csvCents(b.onHoldCents)),
]);

const ListActions = () => (
  <TopToolbar>
    <CsvExportButton />
    <CreateButton label="carnet.batches.create" />
  </TopToolbar>
);

const PeriodField = (_props: { label?: string }) => {
  const batch = useRecordContext<Batch>();
  if (!batch) return null;
  return <span data-testid="batch-period">{formatMonth(batch.period)}</span>;
};

const StatusField = (_props: { label?: string }) => {
  const batch = useRecordContext<Batch>();
  if (!batch) return null;
  return <BatchStatusChip status={batch.status} />;
};

/** « Remboursements »: one batch per programme and month, newest month first. */
export const BatchList = () => (
  <List
    filters={filters}
    sort={{ field: 'period', order: 'DESC' }}
    perPage={25}
    actions={<ListActions />}
    exporter={exporter}
    // No batch yet: the filters and « Créer un lot » all the same, not react-admin's empty page.
    empty={false}
  >
    <DataTable<Batch> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="period">
        <PeriodField />
      </DataTable.Col>
      <DataTable.Col source="programmeName" disableSort />
      <DataTable.Col source="status" disableSort>
        <StatusField />
      </DataTable.Col>
      <DataTable.NumberCol source="lineCount" disableSort />
      <DataTable.NumberCol source="chequeCount" disableSort />
      <DataTable.Col source="payableCents" field={MoneyField} disableSort align="right" />
      <DataTable.Col source="onHoldCents" field={MoneyField} disableSort align="right" />
    </DataTable>
  </List>
);
