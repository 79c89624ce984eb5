import type { Schemas } from '@carnet/api-client';
import {
  Create,
  email,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
} from 'react-admin';

import { roleChoices } from '../choices';
import { OrganisationInput } from '../organisations/OrganisationInput';

type CreateUserDto = Schemas['CreateUserDto'];

// The form holds whatever react-admin put in it; the API rejects unknown fields.
const toCreateUserDto = (data: CreateUserDto): CreateUserDto => ({
  email: data.email.trim(),
  displayName: data.displayName.trim(),
  // No password: the API invites the user by e-mail to choose theirs.
  ...(data.password ? { password: data.password } : {}),
  role: data.role,
  organisationId: data.organisationId,
});

export const UserCreate = () => (
  <Create transform={toCreateUserDto} redirect="list">
    <SimpleForm sx={{ maxWidth: 640 }}>
      <TextInput source="email" type="email" validate={[required(), email()]} />
      <TextInput source="displayName" validate={required()} />
      <PasswordInput
        source="password"
        label="carnet.users.initialPassword"
        helperText="carnet.users.invitationHelp"
        validate={minLength(12)}
        autoComplete="new-password"
      />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <OrganisationInput source="organisationId" validate={required()} />
    </SimpleForm>
  </Create>
);
