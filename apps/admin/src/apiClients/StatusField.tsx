import type { Schemas } from '@carnet/api-client';
import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

type ApiClient = Schemas['ApiClientResponseDto'];

export const StatusField = () => {
  const record = useRecordContext<ApiClient>();
  const translate = useTranslate();
  if (!record) return null;
  return record.revokedAt ? (
    <Chip size="small" color="default" label={translate('carnet.apiClients.revoked')} />
  ) : (
    <Chip size="small" color="success" label={translate('carnet.apiClients.active')} />
  );
};
