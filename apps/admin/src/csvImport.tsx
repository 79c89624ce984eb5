import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Button as MuiButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { HttpError } from 'react-admin';

/** One refused line of an imported CSV, as the API lists them ("line 3: inseeCode"). */
export interface LineError {
  field: string;
  message: string;
}

export interface ImportFailure {
  detail: string;
  lines: LineError[];
}

/**
 * What to show when an import is refused: the message and every faulty line. problem.ts keyed
 * the problem's `errors` list by field for forms (plus `root`); this reads it back in the API's
 * order.
 */
export function importFailure(error: unknown, fallback: string): ImportFailure {
  const errors =
    error instanceof HttpError
      ? ((error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {})
      : {};
  return {
    detail: error instanceof Error ? error.message : fallback,
    lines: Object.entries(errors).flatMap(([field, message]) =>
      field !== 'root' && typeof message === 'string' ? [{ field, message }] : [],
    ),
  };
}

/** "line 3: inseeCode" → "Ligne 3: inseeCode". */
const lineLabel = (field: string): string => field.replace(/^line /, 'Ligne ');

/** A button to choose a CSV file, and the chosen file's name. */
export const CsvFilePicker = ({
  name,
  file,
  onChange,
  chooseLabel,
  noFileLabel,
}: {
  name: string;
  file: File | undefined;
  onChange: (file: File | undefined) => void;
  chooseLabel: string;
  noFileLabel: string;
}) => (
  <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
    <MuiButton component="label" variant="outlined" startIcon={<UploadFileIcon />}>
      {chooseLabel}
      <input
        hidden
        type="file"
        name={name}
        accept=".csv,text/csv"
        onChange={(event) => onChange(event.target.files?.[0])}
      />
    </MuiButton>
    <Typography variant="body2" color="textSecondary">
      {file?.name ?? noFileLabel}
    </Typography>
  </Stack>
);

/** The refusal of an import: the API's message, then every faulty line. */
export const ImportFailureAlert = ({
  failure,
  listLabel,
}: {
  failure: ImportFailure;
  listLabel: string;
}) => (
  <Alert severity="error">
    <Typography variant="body2" gutterBottom>
      {failure.detail}
    </Typography>
    {failure.lines.length > 0 && (
      <List dense disablePadding aria-label={listLabel}>
        {failure.lines.map(({ field, message }) => (
          <ListItem key={field} disableGutters>
            <ListItemText primary={`${lineLabel(field)} — ${message}`} />
          </ListItem>
        ))}
      </List>
    )}
  </Alert>
);
