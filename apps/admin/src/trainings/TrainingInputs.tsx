import type { Schemas } from '@carnet/api-client';
import { CheckboxGroupInput, DateInput, required, TextInput } from 'react-admin';

import { trainingTopicChoices } from '../choices';
import { AttendeesInput } from './AttendeesInput';

type CreateTrainingDto = Schemas['CreateTrainingDto'];

/** Today as a calendar day in the browser (France, for the people who use it). */
const today = (): string => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

// A training is recorded once held (the API refuses a later date too).
const notInFuture = (value: unknown) =>
  typeof value === 'string' && value > today() ? 'carnet.trainings.futureDate' : undefined;

/** The form holds the record's other fields and the structure picker: send only the DTO's. */
export const toTrainingDto = (data: Partial<CreateTrainingDto>): CreateTrainingDto => ({
  date: data.date ?? '',
  trainerName: data.trainerName?.trim() ?? '',
  topics: data.topics ?? [],
  attendeeIds: data.attendeeIds ?? [],
});

/** Inputs shared by the create and edit pages. */
export const TrainingInputs = () => (
  <>
    <DateInput source="date" validate={[required(), notInFuture]} />
    <TextInput source="trainerName" validate={required()} fullWidth />
    <CheckboxGroupInput
      source="topics"
      choices={trainingTopicChoices}
      row={false}
      validate={required()}
      sx={{ '& .MuiFormControlLabel-root': { minHeight: 44 } }}
    />
    <AttendeesInput />
  </>
);
