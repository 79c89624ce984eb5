import type { Schemas } from '@carnet/api-client';
import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

type ApiClient = Schemas['ApiClientResponseDto'];

export const ScopesField = () => {
  const record = useRecordContext<ApiClient>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.scopes.map((scope) => (
        <Chip key={scope} size="small" label={translate(`carnet.scopes.${scope}`)} title={scope} />
      ))}
    </Stack>
  );
};
