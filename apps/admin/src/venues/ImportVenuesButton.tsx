import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import {
  Button,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';

import { CsvFilePicker, type ImportFailure, ImportFailureAlert, importFailure } from '../csvImport';
import type { CarnetDataProvider } from '../dataProvider';

/** The refused lines, in the API's order ("line 3", "line 7"…), from the problem's `errors`. */
/** « line 3 » → « Ligne 3 »: the API names lines in English. */
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
  const [failure, setFailure] = useState<ImportFailure>();

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
      setFailure(importFailure(error, translate('ra.notification.http_error')));
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
              <CsvFilePicker
                name="venues"
                file={file}
                onChange={(chosen) => {
                  setFile(chosen);
                  setFailure(undefined);
                }}
                chooseLabel={translate('carnet.venues.import.chooseFile')}
                noFileLabel={translate('carnet.venues.import.noFile')}
              />
              {failure && (
                <ImportFailureAlert
                  failure={failure}
                  listLabel={translate('carnet.venues.import.errors')}
                />
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
