import type { Schemas } from '@carnet/api-client';
import {
  AutocompleteInput,
  email,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
} from 'react-admin';

import { prescriberTypeChoices } from '../choices';

type CreatePrescriberDto = Schemas['CreatePrescriberDto'];
type PrescriberForm = Partial<Record<keyof CreatePrescriberDto, string | null>>;
type Commune = Schemas['CommuneResponseDto'];

/** A blank optional field is sent as null, which clears it (the API accepts null). */
const optional = (value: string | null | undefined): string | null =>
  value?.trim() ? value.trim() : null;

/** The form holds whatever react-admin put in it (id, dates…); the API rejects unknown fields. */
export const toPrescriberDto = (data: PrescriberForm): CreatePrescriberDto => ({
  name: data.name?.trim() ?? '',
  type: data.type as CreatePrescriberDto['type'],
  inseeCode: data.inseeCode ?? '',
  siret: optional(data.siret)?.replace(/\s/g, '') ?? null,
  address: optional(data.address),
  email: optional(data.email),
  phone: optional(data.phone),
});

// The API checks the SIRET's shape too, and answers with a field error under the input.
const siretShape = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !/^(\d\s*){14}$/.test(value.trim())
    ? 'carnet.prescribers.siretShape'
    : undefined;

const communeOption = (commune: Commune) => `${commune.name} (${commune.inseeCode})`;

/** Inputs shared by the create and edit pages. A référent may pick its own commune only. */
export const PrescriberInputs = () => (
  <>
    <TextInput source="name" validate={required()} />
    <SelectInput source="type" choices={prescriberTypeChoices} validate={required()} />
    <ReferenceInput source="inseeCode" reference="communes" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        optionText={communeOption}
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
        noOptionsText="ra.navigation.no_results"
        helperText="carnet.prescribers.inseeHelp"
        label="resources.prescribers.fields.inseeCode"
      />
    </ReferenceInput>
    <TextInput source="siret" validate={siretShape} helperText="carnet.prescribers.siretHelp" />
    <TextInput source="address" multiline />
    <TextInput source="email" type="email" validate={email()} />
    <TextInput source="phone" />
  </>
);
