import { Alert, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  Loading,
  maxValue,
  minLength,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';

import {
  beneficiaryActions,
  type NewBeneficiary,
  type Programme,
  type Structure,
} from '../beneficiaryData';
import { ageBandChoices, consentScopeChoices, type Role, situationChoices } from '../choices';
import { CommuneInput } from '../communes/CommuneInput';
import { CheckboxInput, tappable } from './inputs';

interface BeneficiaryForm {
  programmeId?: string;
  prescriberId?: string;
  inseeCode?: string;
  ageMode?: 'band' | 'year';
  ageBand?: NewBeneficiary['ageBand'];
  birthYear?: number | null;
  situation?: NewBeneficiary['situation'];
  firstName?: string | null;
  consent?: boolean;
  consentScope?: NewBeneficiary['consentScope'];
  contact?: string | null;
  address?: string;
  householdName?: string | null;
}

const trimmed = (value: string | null | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;

/** The form's answers as the API takes them: one of age band or birth year, a contact only with consent. */
export const toBeneficiaryDto = (data: BeneficiaryForm): NewBeneficiary => {
  const dto: NewBeneficiary = {
    programmeId: data.programmeId ?? '',
    inseeCode: data.inseeCode ?? '',
    situation: data.situation as NewBeneficiary['situation'],
    address: data.address?.trim() ?? '',
  };
  if (data.prescriberId) dto.prescriberId = data.prescriberId;
  if (data.ageMode === 'year' && data.birthYear) dto.birthYear = Number(data.birthYear);
  else dto.ageBand = data.ageBand;
  const firstName = trimmed(data.firstName);
  if (firstName) dto.firstName = firstName;
  const contact = trimmed(data.contact);
  if (data.consent && contact) {
    dto.contact = contact;
    dto.consentScope = data.consentScope;
  }
  const householdName = trimmed(data.householdName);
  if (householdName) dto.householdName = householdName;
  return dto;
};

const thisYear = new Date().getFullYear();

// The API checks it too: a French or international phone number, or an e-mail address.
const PHONE = /^(?:\+\d{2,3}|0)[1-9](?:[ .-]?\d{2}){4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const contactShape = (value: unknown) =>
  typeof value === 'string' &&
  value.trim() !== '' &&
  !PHONE.test(value.trim()) &&
  !EMAIL.test(value.trim())
    ? 'carnet.beneficiaries.contactShape'
    : undefined;

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1, fontSize: '1.1rem' }}>
      {translate(title)}
    </Typography>
  );
};

const AgeInputs = () => {
  const mode = useWatch<BeneficiaryForm, 'ageMode'>({ name: 'ageMode' });
  return (
    <>
      <RadioButtonGroupInput
        source="ageMode"
        label="carnet.beneficiaries.ageMode"
        choices={[
          { id: 'band', name: 'carnet.beneficiaries.ageModes.band' },
          { id: 'year', name: 'carnet.beneficiaries.ageModes.year' },
        ]}
        defaultValue="band"
        sx={tappable}
      />
      {mode === 'year' ? (
        <NumberInput
          source="birthYear"
          label="carnet.beneficiaries.fields.birthYear"
          validate={[required(), minValue(1900), maxValue(thisYear)]}
          min={1900}
          max={thisYear}
          step={1}
        />
      ) : (
        <RadioButtonGroupInput
          source="ageBand"
          label="carnet.beneficiaries.fields.ageBand"
          choices={ageBandChoices}
          validate={required()}
          sx={tappable}
        />
      )}
    </>
  );
};

const ContactInputs = () => {
  const translate = useTranslate();
  const consent = useWatch<BeneficiaryForm, 'consent'>({ name: 'consent' });
  return (
    <>
      <CheckboxInput
        source="consent"
        label={translate('carnet.beneficiaries.consent')}
        helperText="carnet.beneficiaries.consentHelp"
      />
      {consent && (
        <>
          <RadioButtonGroupInput
            source="consentScope"
            label="carnet.beneficiaries.fields.consentScope"
            choices={consentScopeChoices}
            validate={required()}
            row={false}
            sx={tappable}
          />
          <TextInput
            source="contact"
            label="carnet.beneficiaries.fields.contact"
            helperText="carnet.beneficiaries.contactHelp"
            validate={[required(), contactShape]}
            autoComplete="off"
          />
        </>
      )}
    </>
  );
};

/** An agent picks among its structure's communes; the programme team among all. */
const CommuneChoice = ({ structure }: { structure: Structure | undefined }) => {
  const translate = useTranslate();
  if (!structure) {
    return <CommuneInput source="inseeCode" label="carnet.beneficiaries.fields.inseeCode" />;
  }
  const choices = [
    { id: structure.inseeCode, name: structure.communeName ?? structure.inseeCode },
    ...structure.servedCommunes.map((commune) => ({
      id: commune.inseeCode,
      name: translate('carnet.beneficiaries.servedCommune', { name: commune.name }),
    })),
  ];
  return (
    <RadioButtonGroupInput
      source="inseeCode"
      label="carnet.beneficiaries.fields.inseeCode"
      choices={choices}
      defaultValue={structure.inseeCode}
      validate={required()}
      translateChoice={false}
      row={false}
      sx={tappable}
    />
  );
};

const ProgrammeChoice = ({ programmes }: { programmes: Programme[] }) => {
  const translate = useTranslate();
  const programmeId = useWatch<BeneficiaryForm, 'programmeId'>({ name: 'programmeId' });
  const programme = programmes.find((p) => p.id === programmeId);
  return (
    <>
      <RadioButtonGroupInput
        source="programmeId"
        label="carnet.beneficiaries.fields.programmeId"
        choices={programmes}
        optionText="name"
        translateChoice={false}
        defaultValue={programmes.length === 1 ? programmes[0].id : undefined}
        validate={required()}
        row={false}
        sx={tappable}
      />
      {programme && programme.eligibleSituations.length > 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('carnet.beneficiaries.covers', {
            situations: programme.eligibleSituations
              .map((s) => translate(`carnet.situations.${s}`))
              .join(' ; '),
          })}
        </Typography>
      )}
    </>
  );
};

/**
 * Registers a person in a few taps: programme (preselected when there is one), commune, age,
 * situation; first name and contact are optional, the contact only with the person's consent.
 * The address only computes the household key (one carnet per household) and is not kept.
 */
export const BeneficiaryCreate = () => {
  const translate = useTranslate();
  const { permissions, isPending: permissionsPending } = usePermissions<Role>();
  const agent = permissions === 'PRESCRIBER_AGENT';
  const [refusal, setRefusal] = useState<string | null>(null);
  const programmes = useQuery({
    queryKey: ['counter-programmes'],
    queryFn: beneficiaryActions.activeProgrammes,
  });
  const structure = useQuery({
    queryKey: ['own-structure'],
    queryFn: beneficiaryActions.ownStructure,
    enabled: agent,
  });
  // The form differs by role (an agent's communes, a manager's structure): build it once known.
  if (permissionsPending || programmes.isPending || (agent && structure.isPending)) {
    return <Loading />;
  }
  if (programmes.data?.length === 0) {
    return <Alert severity="warning">{translate('carnet.beneficiaries.noProgramme')}</Alert>;
  }
  return (
    <Create
      transform={toBeneficiaryDto}
      redirect="show"
      title="carnet.beneficiaries.create"
      mutationOptions={{
        onError: (error: unknown) => {
          // Shown once, in the form.
          setRefusal(error instanceof Error ? error.message : null);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 640 }}>
        {refusal && (
          <Alert
            severity="error"
            role="alert"
            sx={{ mb: 2, width: '100%' }}
            ref={(node) => node?.scrollIntoView({ block: 'center' })}
          >
            {refusal}
          </Alert>
        )}
        <Stack sx={{ width: '100%' }}>
          {programmes.data && <ProgrammeChoice programmes={programmes.data} />}
          {!agent && (
            <ReferenceInput source="prescriberId" reference="prescribers">
              <AutocompleteInput
                label="carnet.beneficiaries.fields.prescriberId"
                validate={required()}
                optionText="name"
              />
            </ReferenceInput>
          )}
          <Section title="carnet.beneficiaries.sections.person" />
          <CommuneChoice structure={agent ? structure.data : undefined} />
          <AgeInputs />
          <RadioButtonGroupInput
            source="situation"
            label="carnet.beneficiaries.fields.situation"
            choices={situationChoices}
            validate={required()}
            row={false}
            sx={tappable}
          />
          <TextInput
            source="firstName"
            label="carnet.beneficiaries.fields.firstName"
            helperText="carnet.beneficiaries.firstNameHelp"
            autoComplete="off"
          />
          <Section title="carnet.beneficiaries.sections.contact" />
          <ContactInputs />
          <Section title="carnet.beneficiaries.sections.household" />
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('carnet.beneficiaries.addressNotKept')}
          </Alert>
          <TextInput
            source="address"
            label="carnet.beneficiaries.fields.address"
            helperText="carnet.beneficiaries.addressHelp"
            validate={[required(), minLength(5)]}
            multiline
            minRows={2}
            autoComplete="off"
          />
          <TextInput
            source="householdName"
            label="carnet.beneficiaries.fields.householdName"
            helperText="carnet.beneficiaries.householdNameHelp"
            autoComplete="off"
          />
        </Stack>
      </SimpleForm>
    </Create>
  );
};
