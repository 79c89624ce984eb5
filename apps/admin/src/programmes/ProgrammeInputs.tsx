import type { Schemas } from '@carnet/api-client';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  BooleanInput,
  CheckboxGroupInput,
  DateInput,
  minValue,
  NumberInput,
  required,
  SelectInput,
  TextArrayInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import { mediationServiceChoices, sepaFormatChoices } from '../choices';
import { MoneyInput } from '../money';

type Programme = Schemas['ProgrammeResponseDto'];
type CreateProgrammeDto = Schemas['CreateProgrammeDto'];
type UpdateProgrammeDto = Schemas['UpdateProgrammeDto'];

/** What POST and PATCH accept: the form also holds id, status, version… which the API rejects. */
export const toCreateProgrammeDto = (data: CreateProgrammeDto): CreateProgrammeDto => ({
  name: data.name.trim(),
  territoryLabel: data.territoryLabel.trim(),
  startDate: data.startDate,
  endDate: data.endDate,
  validityEndDate: data.validityEndDate,
  graceDays: data.graceDays,
  faceValueCents: data.faceValueCents,
  chequesPerCarnet: data.chequesPerCarnet,
  budgetCents: data.budgetCents,
  maxCarnetsPerHousehold: data.maxCarnetsPerHousehold,
  eligiblePublics: (data.eligiblePublics ?? []).map((label) => label.trim()).filter(Boolean),
  payableServices: data.payableServices ?? [],
  sepaFormat: data.sepaFormat,
  openData: data.openData ?? false,
  helpPhone: data.helpPhone?.trim() ? data.helpPhone.trim() : null,
});

export const toUpdateProgrammeDto = (data: Programme): UpdateProgrammeDto =>
  toCreateProgrammeDto(data);

export const programmeDefaults: Partial<CreateProgrammeDto> = {
  faceValueCents: 1000,
  chequesPerCarnet: 10,
  graceDays: 30,
  maxCarnetsPerHousehold: 1,
  eligiblePublics: [],
  payableServices: [],
  sepaFormat: 'pain.001.001.09',
  openData: false,
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', mt: 2 }}>
      <Typography variant="subtitle1" gutterBottom>
        {translate(title)}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          columnGap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
};

const positive = [required(), minValue(1)];

/** Inputs shared by the create and edit pages. */
export const ProgrammeInputs = () => {
  const record = useRecordContext<Programme>();
  // Printed on the cheques: the API refuses to change them once the programme is active.
  const termsFrozen = record !== undefined && record.status !== 'DRAFT';
  const frozenHelp = termsFrozen ? 'carnet.programmes.termsFrozen' : undefined;
  // A read-only input is disabled, and so greys its helper text below a readable contrast: the
  // reason it cannot change is kept at the usual secondary colour.
  const frozenSx = { '& .MuiFormHelperText-root.Mui-disabled': { color: 'text.secondary' } };
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="territoryLabel" validate={required()} fullWidth />
      <Section title="carnet.programmes.sections.dates">
        <DateInput source="startDate" validate={required()} />
        <DateInput source="endDate" validate={required()} />
        <DateInput source="validityEndDate" validate={required()} />
        <NumberInput source="graceDays" min={0} step={1} validate={[required(), minValue(0)]} />
      </Section>
      <Section title="carnet.programmes.sections.carnets">
        <MoneyInput
          source="faceValueCents"
          validate={positive}
          readOnly={termsFrozen}
          helperText={frozenHelp}
          sx={frozenSx}
        />
        <NumberInput
          source="chequesPerCarnet"
          min={1}
          step={1}
          validate={positive}
          readOnly={termsFrozen}
          helperText={frozenHelp}
          sx={frozenSx}
        />
        <NumberInput source="maxCarnetsPerHousehold" min={1} step={1} validate={positive} />
        <MoneyInput source="budgetCents" validate={[required(), minValue(0)]} />
      </Section>
      <TextArrayInput
        source="eligiblePublics"
        helperText="carnet.programmes.eligiblePublicsHelp"
        fullWidth
      />
      <CheckboxGroupInput
        source="payableServices"
        choices={mediationServiceChoices}
        translateChoice={false}
        row={false}
      />
      <SelectInput
        source="sepaFormat"
        choices={sepaFormatChoices}
        validate={required()}
        helperText="carnet.programmes.sepaFormatHelp"
        fullWidth
      />
      <BooleanInput source="openData" helperText="carnet.programmes.openDataHelp" />
      <TextInput
        source="helpPhone"
        type="tel"
        helperText="carnet.programmes.helpPhoneHelp"
        fullWidth
      />
    </>
  );
};
