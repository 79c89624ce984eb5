import type { Schemas } from '@carnet/api-client';
import {
  DataTable,
  DateField,
  EditButton,
  EmailField,
  Labeled,
  Pagination,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Chip, Typography } from '@mui/material';

import { CarnetStatusField } from '../carnets/StatusChips';
import { prescriberTypeChoices } from '../choices';
import { formatMonth, usePrescriberSummary } from '../homes/homeData';
import { formatCount } from '../money';
import { AgentsSection } from './AgentsSection';

type Carnet = Schemas['CarnetResponseDto'];
type Prescriber = Schemas['PrescriberResponseDto'];

/** The other communes it serves, by name. */
const ServedCommunesField = (_props: { label?: string }) => {
  const record = useRecordContext<Prescriber>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.servedCommunes.length === 0) {
    return <Typography variant="body2">{translate('carnet.prescribers.noServed')}</Typography>;
  }
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }} data-testid="served-communes">
      {record.servedCommunes.map((c) => (
        <Chip key={c.inseeCode} size="small" label={c.name} />
      ))}
    </Box>
  );
};

/**
 * The structure's stock per programme and its hand-outs this month (its home's figures), for
 * its commune's référents and the programme team; hidden from the référents of a commune it only
 * serves (its stock is its own commune's business: the API answers 404).
 */
const StockSection = () => {
  const record = useRecordContext<Prescriber>();
  const translate = useTranslate();
  const summary = usePrescriberSummary(record?.id);
  if (!summary.data) return null;
  const month = formatMonth(summary.data.month);
  return (
    <Labeled label="carnet.prescribers.stock">
      <Box data-testid="structure-stock">
        {summary.data.programmes.length === 0 && (
          <Typography variant="body2">{translate('carnet.prescribers.noStock')}</Typography>
        )}
        {summary.data.programmes.map((p) => (
          <Typography key={p.programmeId} variant="body2">
            {translate('carnet.prescribers.stockLine', {
              programme: p.programmeName,
              stock: formatCount(p.carnets),
              handedOut: formatCount(p.handedOutThisMonth),
              month,
            })}
          </Typography>
        ))}
      </Box>
    </Labeled>
  );
};

// EditButton hides itself for roles that may only read (authProvider.canAccess).
const ShowActions = () => (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

/** The carnets the structure holds now, all programmes together. */
const HeldCarnets = () => {
  const { canAccess } = useCanAccess({ resource: 'carnets', action: 'list' });
  if (!canAccess) return null;
  return (
    <Labeled label="carnet.prescribers.carnets">
      <ReferenceManyField
        reference="carnets"
        target="prescriberId"
        sort={{ field: 'serial', order: 'ASC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 50]} />}
      >
        <DataTable<Carnet> rowClick="show" bulkActionButtons={false} sx={{ maxWidth: 480 }}>
          <DataTable.Col source="serial" />
          <DataTable.Col source="status">
            <CarnetStatusField />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Labeled>
  );
};

export const PrescriberShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <SelectField source="type" choices={prescriberTypeChoices} />
      <TextField source="communeName" emptyText="—" />
      <ServedCommunesField label="resources.prescribers.fields.servedCommunes" />
      <TextField source="siret" emptyText="—" />
      <TextField source="rna" emptyText="—" />
      <TextField source="address" emptyText="—" />
      <EmailField source="email" emptyText="—" />
      <TextField source="phone" emptyText="—" />
      <DateField source="createdAt" />
      <StockSection />
      <HeldCarnets />
      <AgentsSection />
    </SimpleShowLayout>
  </Show>
);
