import type { Schemas } from '@carnet/api-client';
import { useState } from 'react';
import {
  CheckboxGroupInput,
  Create,
  required,
  SimpleForm,
  TextInput,
  useRedirect,
} from 'react-admin';

import { apiClientScopeChoices } from '../choices';
import { OrganisationInput } from '../organisations/OrganisationInput';
import { SecretDialog } from './SecretDialog';

type CreateApiClientDto = Schemas['CreateApiClientDto'];
type ApiClientCreated = Schemas['ApiClientCreatedResponseDto'];

const toCreateApiClientDto = (data: CreateApiClientDto): CreateApiClientDto => ({
  name: data.name.trim(),
  organisationId: data.organisationId,
  scopes: data.scopes,
});

export const ApiClientCreate = () => {
  const redirect = useRedirect();
  const [created, setCreated] = useState<ApiClientCreated>();

  const close = () => {
    const id = created?.id;
    setCreated(undefined);
    if (id !== undefined) redirect('show', 'api-clients', id);
  };

  return (
    <>
      <Create
        transform={toCreateApiClientDto}
        mutationOptions={{ onSuccess: (data: ApiClientCreated) => setCreated(data) }}
      >
        <SimpleForm sx={{ maxWidth: 640 }}>
          <TextInput source="name" validate={required()} />
          <OrganisationInput source="organisationId" validate={required()} />
          <CheckboxGroupInput
            source="scopes"
            choices={apiClientScopeChoices}
            validate={required()}
          />
        </SimpleForm>
      </Create>
      <SecretDialog created={created} onClose={close} />
    </>
  );
};
