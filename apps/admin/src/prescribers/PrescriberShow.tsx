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
} from 'react-admin';

import { CarnetStatusField } from '../carnets/StatusChips';
import { prescriberTypeChoices } from '../choices';
import { AgentsSection } from './AgentsSection';

type Carnet = Schemas['CarnetResponseDto'];

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
      <TextField source="siret" emptyText="—" />
      <TextField source="rna" emptyText="—" />
      <TextField source="address" emptyText="—" />
      <EmailField source="email" emptyText="—" />
      <TextField source="phone" emptyText="—" />
      <DateField source="createdAt" />
      <HeldCarnets />
      <AgentsSection />
    </SimpleShowLayout>
  </Show>
);
