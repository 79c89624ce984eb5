import type { Schemas } from '@carnet/api-client';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { HttpError, useRefresh, useTranslate } from 'react-admin';

/** One refused line of an imported CSV, as the API lists them ("line 3: inseeCode"). */
export type LineError = Schemas['FieldErrorDto'];

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

/** Translation keys of the texts of a CSV import dialog. */
export interface CsvImportLabels {
  title: string;
  help: string;
  chooseFile: string;
  noFile: string;
  errors: string;
  submit: string;
}

/**
 * A dialog that uploads one CSV file. The API checks every line first: on a refusal nothing was
 * saved, and the dialog stays open listing every faulty line; on success it closes and the page
 * refreshes.
 */
export const CsvImportDialog = ({
  open,
  onClose,
  name,
  labels,
  example,
  upload,
}: {
  open: boolean;
  onClose: () => void;
  /** Name of the file input. */
  name: string;
  labels: CsvImportLabels;
  /** A sample of the expected file, shown as is. */
  example?: string;
  /** Sends the file and tells the user what was imported. */
  upload: (file: File) => Promise<void>;
}) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [file, setFile] = useState<File>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ImportFailure>();

  const close = () => {
    setFile(undefined);
    setFailure(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setPending(true);
    setFailure(undefined);
    try {
      await upload(file);
      close();
      refresh();
    } catch (error) {
      setFailure(importFailure(error, translate('ra.notification.http_error')));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)}>
        <DialogTitle>{translate(labels.title)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">{translate(labels.help)}</Typography>
            {example && (
              <Box
                component="pre"
                sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13 }}
              >
                {example}
              </Box>
            )}
            <CsvFilePicker
              name={name}
              file={file}
              onChange={(chosen) => {
                setFile(chosen);
                setFailure(undefined);
              }}
              chooseLabel={translate(labels.chooseFile)}
              noFileLabel={translate(labels.noFile)}
            />
            {failure && (
              <ImportFailureAlert failure={failure} listLabel={translate(labels.errors)} />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={!file || pending}>
            {translate(labels.submit)}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
