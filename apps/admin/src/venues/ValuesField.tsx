import { Chip, Stack, Typography } from '@mui/material';
import { useFieldValue } from 'react-admin';

/** A list of values (services, publics…), each one a chip: `<ValuesField source="services" />`. */
export const ValuesField = ({ source }: { source: string; label?: string }) => {
  const values = useFieldValue({ source }) as string[] | null | undefined;
  if (!values || values.length === 0) {
    return (
      <Typography component="span" variant="body2">
        —
      </Typography>
    );
  }
  return (
    <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
      {values.map((value) => (
        <Chip key={value} size="small" variant="outlined" label={value} />
      ))}
    </Stack>
  );
};
