import type { Schemas } from '@carnet/api-client';
import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

type Commune = Schemas['CommuneResponseDto'];

export const PostalCodesField = (_props: { label?: string }) => {
  const record = useRecordContext<Commune>();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {record.postalCodes.join(', ')}
    </Typography>
  );
};
