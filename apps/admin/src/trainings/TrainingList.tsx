import type { Schemas } from '@carnet/api-client';
import { Box, Chip } from '@mui/material';
import {
  CreateButton,
  DataTable,
  List,
  SimpleList,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import {
  csvDay,
  CsvExportButton,
  csvExporter,
  csvLabel,
  fieldColumn,
  translate,
} from '../csvExport';
import { formatDay, formatLongDay } from '../dates';
import { usePhone } from '../phone';

type Training = Schemas['TrainingResponseDto'];

const exporter = csvExporter<Training>('formations', [
  fieldColumn('trainings', 'date', (t) => csvDay(t.date)),
  fieldColumn('trainings', 'trainerName'),
  fieldColumn('trainings', 'topics', (t) =>
    t.topics.map((topic) => csvLabel('carnet.trainingTopics', topic)).join(', '),
  ),
  fieldColumn('trainings', 'attendees', (t) => {
    const names = t.attendees.map((a) => a.displayName).join(', ');
    const hidden = t.attendeeCount - t.attendees.length;
    return hidden > 0
      ? `${names} ${translate('carnet.trainings.otherAttendees', { smart_count: hidden })}`
      : names;
  }),
]);

const ListActions = () => (
  <TopToolbar>
    <CsvExportButton />
    <CreateButton />
  </TopToolbar>
);

/** The attendees the caller sees, and how many others (of other communes) attended. */
const useAttendeesText = () => {
  const translate = useTranslate();
  return (t: Training) => {
    const names = t.attendees.map((a) => a.displayName).join(', ');
    const hidden = t.attendeeCount - t.attendees.length;
    return hidden > 0
      ? `${names} ${translate('carnet.trainings.otherAttendees', { smart_count: hidden })}`
      : names;
  };
};

const TopicsCell = (_props: { label?: string }) => {
  const record = useRecordContext<Training>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {record.topics.map((topic) => (
        <Chip key={topic} size="small" label={translate(`carnet.trainingTopics.${topic}`)} />
      ))}
    </Box>
  );
};

const AttendeesCell = (_props: { label?: string }) => {
  const record = useRecordContext<Training>();
  const text = useAttendeesText();
  return record ? <span>{text(record)}</span> : null;
};

const DateCell = (_props: { label?: string }) => {
  const record = useRecordContext<Training>();
  return record ? <span>{formatDay(record.date)}</span> : null;
};

/** On a phone, one card per training: its day and trainer, who attended. */
const TrainingCards = () => {
  const text = useAttendeesText();
  return (
    <SimpleList<Training>
      primaryText={(t) => `${formatLongDay(t.date)} — ${t.trainerName}`}
      secondaryText={text}
      linkType="edit"
    />
  );
};

const TrainingTable = () => (
  <DataTable<Training> rowClick="edit" bulkActionButtons={false}>
    <DataTable.Col source="date">
      <DateCell />
    </DataTable.Col>
    <DataTable.Col source="trainerName" disableSort />
    <DataTable.Col source="topics" disableSort>
      <TopicsCell />
    </DataTable.Col>
    <DataTable.Col source="attendees" disableSort>
      <AttendeesCell />
    </DataTable.Col>
  </DataTable>
);

/** Trainings, newest first: a référent sees those its commune's agents attended. */
export const TrainingList = () => {
  const phone = usePhone();
  return (
    <List
      sort={{ field: 'date', order: 'DESC' }}
      perPage={25}
      actions={<ListActions />}
      exporter={exporter}
    >
      {phone ? <TrainingCards /> : <TrainingTable />}
    </List>
  );
};
