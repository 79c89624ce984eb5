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
import { HttpError, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';

interface LineError {
  field: string;
  message: string;
}

function lineErrors(error: unknown): LineError[] {
  if (!(error instanceof HttpError)) return [];
  // problem.ts keyed the problem's `errors` list by field for forms (plus `root`): read it back,
  // in the API's order ("line 2: population", "line 5: inseeCode"…).
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  return Object.entries(errors).flatMap(([field, message]) =>
    field !== 'root' && typeof message === 'string' ? [{ field, message }] : [],
  );
}

/**
 * Replaces the programme's criteria from a CSV (`inseeCode,qpvPopulation,population`). The API
 * checks every line first: on a refusal nothing was saved, and every faulty line is listed.
 */
export const ImportCriteriaDialog = ({
  programmeId,
  open,
  onClose,
}: {
  programmeId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [file, setFile] = useState<File>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ detail: string; lines: LineError[] }>();

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
      const criteria = await dataProvider.importCriteria(programmeId, file);
      notify('carnet.criteria.imported', {
        type: 'success',
        messageArgs: { smart_count: criteria.rows.length },
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
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)}>
        <DialogTitle>{translate('carnet.criteria.importTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Typography variant="body2">{translate('carnet.criteria.importHelp')}</Typography>
            <Box
              component="pre"
              sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13 }}
            >
              {'inseeCode;qpvPopulation;population\n62498;8 200;32 920\n62510;4 120;30 409'}
            </Box>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <MuiButton component="label" variant="outlined" startIcon={<UploadFileIcon />}>
                {translate('carnet.criteria.chooseFile')}
                <input
                  hidden
                  type="file"
                  name="criteria"
                  accept=".csv,text/csv"
                  onChange={(event) => {
                    setFile(event.target.files?.[0]);
                    setFailure(undefined);
                  }}
                />
              </MuiButton>
              <Typography variant="body2" color="textSecondary">
                {file?.name ?? translate('carnet.criteria.noFile')}
              </Typography>
            </Stack>
            {failure && (
              <Alert severity="error">
                <Typography variant="body2" gutterBottom>
                  {failure.detail}
                </Typography>
                {failure.lines.length > 0 && (
                  <List dense disablePadding aria-label={translate('carnet.criteria.errors')}>
                    {failure.lines.map(({ field, message }) => (
                      <ListItem key={field} disableGutters>
                        <ListItemText primary={`${field} — ${message}`} />
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
            {translate('carnet.criteria.importSubmit')}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};
