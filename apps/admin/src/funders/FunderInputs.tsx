import type { Schemas } from '@carnet/api-client';
import { email, required, SelectInput, TextInput } from 'react-admin';

import { funderKindChoices } from '../choices';

type CreateFunderDto = Schemas['CreateFunderDto'];
type FunderForm = Partial<Record<keyof CreateFunderDto, string | null>>;

const trimmed = (value: string | null | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;

/**
 * The form holds whatever react-admin put in it; the API rejects unknown fields. Blank optional
 * fields are left out (the API has no way to clear them).
 */
export const toFunderDto = (data: FunderForm): CreateFunderDto => ({
  name: data.name?.trim() ?? '',
  kind: data.kind as CreateFunderDto['kind'],
  siret: trimmed(data.siret)?.replace(/\s/g, ''),
  contactName: trimmed(data.contactName),
  contactEmail: trimmed(data.contactEmail),
  contactPhone: trimmed(data.contactPhone),
});

// The API checks the SIRET's checksum and answers with a field error shown under the input.
const siretShape = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !/^(\d\s*){14}$/.test(value.trim())
    ? 'carnet.funders.siretShape'
    : undefined;

export const FunderInputs = () => (
  <>
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={funderKindChoices} validate={required()} />
    <TextInput source="siret" validate={siretShape} helperText="carnet.funders.siretHelp" />
    <TextInput source="contactName" />
    <TextInput source="contactEmail" type="email" validate={email()} />
    <TextInput source="contactPhone" />
  </>
);
