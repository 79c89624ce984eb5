import type { Schemas } from '@carnet/api-client';
import UploadIcon from '@mui/icons-material/Upload';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
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
import { useNotifyError } from '../useNotifyError';

type ImportBy = keyof Schemas['ImportCommunesDto'];

/** Field error of the API for this input, if any (`errors: [{ field, message }]`). */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof HttpError)) return undefined;
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors;
  const message = errors?.[field];
  return typeof message === 'string' ? message : undefined;
}

/**
 * Imports (or refreshes) the communes of an EPCI or a département from the official geographic
 * code shipped with the API. Idempotent: the notification says what changed.
 */
export const ImportCommunesButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'communes', action: 'import' });
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState<ImportBy>('epciSiren');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();

  if (!canAccess) return null;

  const close = () => {
    setOpen(false);
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const result = await dataProvider.importCommunes({ [by]: code.trim() });
      notify('carnet.communes.imported', {
        type: 'success',
        messageArgs: { ...result, smart_count: result.total },
      });
      close();
      setCode('');
      refresh();
    } catch (caught) {
      setError(caught);
      if (!fieldError(caught, by)) notifyError(caught);
    } finally {
      setPending(false);
    }
  };

  const codeError = fieldError(error, by);
  return (
    <>
      <Button label="carnet.communes.import" onClick={() => setOpen(true)}>
        <UploadIcon />
      </Button>
      <Dialog open={open} onClose={close} maxWidth="xs" fullWidth>
        <form onSubmit={(event) => void submit(event)}>
          <DialogTitle>{translate('carnet.communes.importTitle')}</DialogTitle>
          <DialogContent>
            <Stack spacing={2}>
              <Typography variant="body2" color="textSecondary">
                {translate('carnet.communes.importHelp')}
              </Typography>
              <RadioGroup
                value={by}
                onChange={(event) => {
                  setBy(event.target.value as ImportBy);
                  setError(undefined);
                }}
              >
                <FormControlLabel
                  value="epciSiren"
                  control={<Radio />}
                  label={translate('carnet.communes.byEpci')}
                />
                <FormControlLabel
                  value="departement"
                  control={<Radio />}
                  label={translate('carnet.communes.byDepartement')}
                />
              </RadioGroup>
              <TextField
                autoFocus
                required
                label={translate(
                  by === 'epciSiren'
                    ? 'carnet.communes.epciSirenLabel'
                    : 'carnet.communes.departementLabel',
                )}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                error={codeError !== undefined}
                helperText={
                  codeError ??
                  translate(
                    by === 'epciSiren'
                      ? 'carnet.communes.epciSirenHelp'
                      : 'carnet.communes.departementHelp',
                  )
                }
                slotProps={{ htmlInput: { name: by, spellCheck: false } }}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={pending || !code.trim()}>
              {translate('carnet.communes.importSubmit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
