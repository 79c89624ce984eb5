import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
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
import {
  Button,
  HttpError,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';

interface LineError {
  field: string;
  message: string;
}

/** The refused lines, in the API's order ("line 3", "line 7"…), from the problem's `errors`. */
function lineErrors(error: unknown): LineError[] {
  if (!(error instanceof HttpError)) return [];
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  return Object.entries(errors).flatMap(([field, message]) =>
    field !== 'root' && typeof message === 'string' ? [{ field, message }] : [],
  );
}

/** « line 3 » → « Ligne 3 »: the API names lines in English. */
const lineLabel = (field: string): string => field.replace(/^line /, 'Ligne ');

/**
 * Imports venues from a CSV in the national schema of digital-mediation places. The API checks
 * every line first: on a refusal nothing was created, and every faulty line is listed.
 */
export const ImportVenuesButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'venues', action: 'import' });
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ detail: string; lines: LineError[] }>();

  if (!canAccess) return null;

  const close = () => {
    setOpen(false);
    setFile(undefined);
    setFailure(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setPending(true);
    setFailure(undefined);
    try {
      const created = await dataProvider.importVenues(file);
      notify('carnet.venues.import.done', {
        type: 'success',
        messageArgs: { smart_count: created },
      });
      close();
      refresh();
    } catch (error) {
      setFailure({
        detail: error instanceof Error ? error.message : translate('ra.notification.http_error'),
        lines: lineErrors(error),
      });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button label="carnet.venues.import.button" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
        <form onSubmit={(event) => void submit(event)}>
          <DialogTitle>{translate('carnet.venues.import.title')}</DialogTitle>
          <DialogContent>
            <Stack spacing={2}>
              <Typography variant="body2">{translate('carnet.venues.import.help')}</Typography>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <MuiButton component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                  {translate('carnet.venues.import.chooseFile')}
                  <input
                    hidden
                    type="file"
                    name="venues"
                    accept=".csv,text/csv"
                    onChange={(event) => {
                      setFile(event.target.files?.[0]);
                      setFailure(undefined);
                    }}
                  />
                </MuiButton>
                <Typography variant="body2" color="textSecondary">
                  {file?.name ?? translate('carnet.venues.import.noFile')}
                </Typography>
              </Stack>
              {failure && (
                <Alert severity="error">
                  <Typography variant="body2" gutterBottom>
                    {failure.detail}
                  </Typography>
                  {failure.lines.length > 0 && (
                    <List
                      dense
                      disablePadding
                      aria-label={translate('carnet.venues.import.errors')}
                    >
                      {failure.lines.map(({ field, message }) => (
                        <ListItem key={field} disableGutters>
                          <ListItemText primary={`${lineLabel(field)} — ${message}`} />
                        </ListItem>
                      ))}
                    </List>
                  )}
                </Alert>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={!file || pending}>
              {translate('carnet.venues.import.submit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
