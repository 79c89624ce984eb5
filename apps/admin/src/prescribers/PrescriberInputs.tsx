import type { Schemas } from '@carnet/api-client';
import {
  AutocompleteArrayInput,
  email,
  ReferenceArrayInput,
  required,
  SelectInput,
  TextInput,
} from 'react-admin';

import { prescriberTypeChoices } from '../choices';
import { CommuneInput } from '../communes/CommuneInput';

type CreatePrescriberDto = Schemas['CreatePrescriberDto'];
type PrescriberForm = Partial<
  Record<Exclude<keyof CreatePrescriberDto, 'servedInseeCodes'>, string | null>
> & { servedInseeCodes?: string[] | null };
type DirectoryCommune = Schemas['CommuneDirectoryEntryDto'];

/** A blank optional field is sent as null, which clears it (the API accepts null). */
const optional = (value: string | null | undefined): string | null =>
  value?.trim() ? value.trim() : null;

/** The form holds whatever react-admin put in it (id, dates…); the API rejects unknown fields. */
export const toPrescriberDto = (data: PrescriberForm): CreatePrescriberDto => ({
  name: data.name?.trim() ?? '',
  type: data.type as CreatePrescriberDto['type'],
  inseeCode: data.inseeCode ?? '',
  siret: optional(data.siret)?.replace(/\s/g, '') ?? null,
  rna: optional(data.rna)?.toUpperCase() ?? null,
  address: optional(data.address),
  email: optional(data.email),
  phone: optional(data.phone),
  servedInseeCodes: data.servedInseeCodes ?? [],
});

const communeOption = (commune: DirectoryCommune) => `${commune.name} (${commune.inseeCode})`;

/**
 * The other communes the structure serves, searched by name among every imported commune (a
 * référent's own list holds its commune only) and shown by name, never by bare code.
 */
const ServedCommunesInput = () => (
  <ReferenceArrayInput
    source="servedInseeCodes"
    reference="commune-directory"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={20}
  >
    <AutocompleteArrayInput
      optionText={communeOption}
      filterToQuery={(q: string) => ({ q })}
      noOptionsText="ra.navigation.no_results"
      helperText="carnet.prescribers.servedHelp"
      label="resources.prescribers.fields.servedInseeCodes"
    />
  </ReferenceArrayInput>
);

// The API checks the SIRET's shape too, and answers with a field error under the input.
const siretShape = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !/^(\d\s*){14}$/.test(value.trim())
    ? 'carnet.prescribers.siretShape'
    : undefined;

// An association's RNA: W and 9 digits (the API checks it too).
const rnaShape = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !/^W\d{9}$/i.test(value.trim())
    ? 'carnet.prescribers.rnaShape'
    : undefined;

/** Inputs shared by the create and edit pages. A référent may pick its own commune only. */
export const PrescriberInputs = () => (
  <>
    <TextInput source="name" validate={required()} />
    <SelectInput source="type" choices={prescriberTypeChoices} validate={required()} />
    <CommuneInput
      source="inseeCode"
      label="resources.prescribers.fields.inseeCode"
      helperText="carnet.prescribers.inseeHelp"
    />
    <ServedCommunesInput />
    <TextInput source="siret" validate={siretShape} helperText="carnet.prescribers.siretHelp" />
    <TextInput source="rna" validate={rnaShape} helperText="carnet.prescribers.rnaHelp" />
    <TextInput source="address" multiline />
    <TextInput source="email" type="email" validate={email()} />
    <TextInput source="phone" />
  </>
);
