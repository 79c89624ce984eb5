import type { Schemas } from '@carnet/api-client';
import { Typography } from '@mui/material';
import {
  DataTable,
  DateField,
  List,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';

import { csvDateTime, CsvExportButton, csvExporter, csvYesNo, fieldColumn } from '../csvExport';
import { BankAccountDecision } from '../venues/BankAccountDecision';

type PendingBankAccount = Schemas['PendingBankAccountDto'];

const VenueLink = (_props: { label?: string }) => {
  const record = useRecordContext<PendingBankAccount>();
  if (!record) return null;
  return <Link to={`/venues/${record.venueId}/show/compte-bancaire`}>{record.venueName}</Link>;
};

const Decision = (_props: { label?: string }) => {
  const record = useRecordContext<PendingBankAccount>();
  if (!record) return null;
  return (
    <BankAccountDecision venueId={record.venueId} venueName={record.venueName} account={record} />
  );
};

/** « FR76•••••••••••••••••••0189 »: the country, check digits and last four only. */
const maskedIban = (iban: string): string => {
  const compact = iban.replace(/\s/g, '');
  return compact.length <= 8
    ? '•'.repeat(compact.length)
    : `${compact.slice(0, 4)}${'•'.repeat(compact.length - 8)}${compact.slice(-4)}`;
};

const exporter = csvExporter<PendingBankAccount>('comptes-a-verifier', [
  fieldColumn('pending-bank-accounts', 'venueName'),
  fieldColumn('pending-bank-accounts', 'holderName'),
  // Bank details waiting for their check leave the application masked, as the audit log keeps
  // them: whoever verifies them does so on screen, beside the RIB.
  fieldColumn('pending-bank-accounts', 'iban', (a) => maskedIban(a.iban)),
  fieldColumn('pending-bank-accounts', 'bic'),
  fieldColumn('pending-bank-accounts', 'enteredAt', (a) => csvDateTime(a.enteredAt)),
  fieldColumn('pending-bank-accounts', 'hasDocument', (a) => csvYesNo(a.hasDocument)),
]);

const ListActions = () => (
  <TopToolbar>
    <CsvExportButton />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body1" sx={{ p: 2 }}>
      {translate('carnet.bankAccounts.queueEmpty')}
    </Typography>
  );
};

/**
 * « Comptes à vérifier »: the bank details waiting for a finance officer, who may not verify the
 * ones he entered himself, nor any without its RIB (said under the buttons, before any click).
 */
export const PendingBankAccountList = () => (
  <List
    pagination={false}
    perPage={1000}
    exporter={exporter}
    actions={<ListActions />}
    empty={<Empty />}
    sort={{ field: 'enteredAt', order: 'ASC' }}
  >
    <DataTable<PendingBankAccount> rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="venueName" disableSort>
        <VenueLink />
      </DataTable.Col>
      <DataTable.Col source="holderName" disableSort />
      <DataTable.Col
        source="iban"
        disableSort
        sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
      />
      <DataTable.Col source="bic" disableSort />
      <DataTable.Col source="enteredAt" disableSort field={DateField} />
      <DataTable.Col
        source="hasDocument"
        disableSort
        render={(account: PendingBankAccount) => (account.hasDocument ? '✓' : '—')}
      />
      <DataTable.Col label="carnet.bankAccounts.decision" disableSort>
        <Decision />
      </DataTable.Col>
    </DataTable>
  </List>
);
