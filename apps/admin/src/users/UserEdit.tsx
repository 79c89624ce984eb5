import type { Schemas } from '@carnet/api-client';
import {
  BooleanInput,
  Edit,
  PasswordInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
} from 'react-admin';

import { roleChoices } from '../choices';
import { ResendInvitationButton } from './ResendInvitationButton';

type User = Schemas['UserResponseDto'];
type UpdateUserDto = Schemas['UpdateUserDto'];

// Keep only what PATCH /users/{id} accepts; an empty password means "unchanged".
const toUpdateUserDto = (data: User & { password?: string }): UpdateUserDto => ({
  displayName: data.displayName.trim(),
  role: data.role,
  active: data.active,
  ...(data.password ? { password: data.password } : {}),
});

// The API has no DELETE for users: accounts are deactivated instead.
const UserEditToolbar = () => (
  <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
    <SaveButton />
    <ResendInvitationButton />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdateUserDto} redirect="list">
    <SimpleForm toolbar={<UserEditToolbar />} sx={{ maxWidth: 640 }}>
      <TextInput source="email" readOnly />
      <TextInput source="organisationName" readOnly />
      <TextInput source="displayName" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <BooleanInput source="active" helperText="carnet.users.activeHelp" />
      <PasswordInput
        source="password"
        label="carnet.users.newPassword"
        helperText="carnet.users.newPasswordHelp"
        autoComplete="new-password"
      />
    </SimpleForm>
  </Edit>
);
