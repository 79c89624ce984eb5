import type { Schemas } from '@carnet/api-client';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { Alert, Box, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  DateField,
  ListContextProvider,
  ResourceContextProvider,
  useGetList,
  useList,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import { DeliberationField } from './DeliberationField';
import { EnrolmentDialog } from './EnrolmentDialog';
import { byFrenchName } from '../tables';
import { useCanChangeProgramme } from '../programmes/useCanChangeProgramme';
import { Button } from '../Button';

type Programme = Schemas['ProgrammeResponseDto'];
type Enrolment = Schemas['EnrolmentResponseDto'];

const CommuneCell = (_props: { label?: string }) => {
  const record = useRecordContext<Enrolment>();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">{record.communeName}</Typography>
      <Typography variant="caption" color="textSecondary">
        {record.inseeCode}
      </Typography>
    </Box>
  );
};

const ReferentsField = (_props: { label?: string }) => {
  const record = useRecordContext<Enrolment>();
  if (!record) return null;
  if (record.referents.length === 0) return <>—</>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.referents.map((referent) => (
        <Chip key={referent.id} size="small" label={referent.displayName} title={referent.email} />
      ))}
    </Stack>
  );
};

const EditEnrolmentButton = ({ onEdit }: { onEdit: (enrolment: Enrolment) => void }) => {
  const record = useRecordContext<Enrolment>();
  const translate = useTranslate();
  if (!record) return null;
  const label = translate('carnet.enrolments.editOne', { commune: record.communeName });
  return (
    <Tooltip title={label}>
      <IconButton size="small" aria-label={label} onClick={() => onEdit(record)}>
        <EditIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
};

/** The communes that joined the programme, with their délibération, convention and referents. */
export const EnrolmentsTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const [dialog, setDialog] = useState<{ enrolment?: Enrolment } | undefined>();
  const { data, isPending, error } = useGetList<Enrolment>(
    'enrolments',
    { filter: { programmeId: programme?.id } },
    { enabled: programme !== undefined },
  );
  // The API answers the whole list: sort it in the browser, by commune first.
  const listContext = useList({
    data: byFrenchName(data, (enrolment) => enrolment.communeName),
    isPending,
    resource: 'enrolments',
    perPage: 1000,
  });
  if (!programme) return null;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="textSecondary">
          {translate('carnet.enrolments.count', { smart_count: data?.length ?? 0 })}
        </Typography>
        {canChange && (
          <Button
            label="carnet.enrolments.addButton"
            variant="outlined"
            onClick={() => setDialog({})}
          >
            <AddIcon />
          </Button>
        )}
      </Stack>
      <ResourceContextProvider value="enrolments">
        <ListContextProvider value={listContext}>
          <DataTable<Enrolment> bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="communeName">
              <CommuneCell />
            </DataTable.Col>
            <DataTable.Col source="deliberationDate" field={DateField} />
            <DataTable.Col source="deliberationReference" />
            <DataTable.Col source="hasDeliberationDocument" disableSort>
              <DeliberationField canUpload={canChange} />
            </DataTable.Col>
            <DataTable.Col source="conventionSignedOn">
              <DateField
                source="conventionSignedOn"
                emptyText={translate('carnet.enrolments.conventionPending')}
              />
            </DataTable.Col>
            <DataTable.Col source="referents" disableSort>
              <ReferentsField />
            </DataTable.Col>
            {canChange && (
              <DataTable.Col label={false} disableSort>
                <EditEnrolmentButton onEdit={(enrolment) => setDialog({ enrolment })} />
              </DataTable.Col>
            )}
          </DataTable>
        </ListContextProvider>
      </ResourceContextProvider>
      {dialog && (
        <EnrolmentDialog
          open
          programmeId={programme.id}
          enrolment={dialog.enrolment}
          onClose={() => setDialog(undefined)}
        />
      )}
    </Stack>
  );
};
