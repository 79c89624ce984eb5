import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { HttpError, useTranslate } from 'react-admin';

import { beneficiaryActions, type Diagnostic, type HandOut } from '../beneficiaryData';
import { formatDateTime } from '../dates';
import { usePhone } from '../phone';
import { HandOutResult } from './HandOutResult';
import { CarnetScanner, canScan } from './CarnetScanner';
import {
  type CarnetReference,
  formatCarnetSerial,
  formatChequeNumber,
  typedSerial,
} from './scanning';

/** The French sentence for a refused or failed hand-out. */
function refusalOf(error: unknown, translate: (key: string) => string): string {
  if (!(error instanceof HttpError)) return translate('carnet.handOut.networkError');
  const code = (error.body as { code?: unknown } | undefined)?.code;
  // A hand-out's CARNET_NOT_FOUND says more than a transfer's: the serial is not in the stock.
  if (code === 'CARNET_NOT_FOUND') return translate('carnet.handOut.notInStock');
  return error.message;
}

/**
 * « Remettre un carnet »: the carnet's serial, typed or read from a cheque's QR code with the
 * camera, the diagnostic it follows (the latest preselected), then one confirmation. One
 * Idempotency-Key per intent: sending the same answers again (after a lost connection) reuses
 * it, so the API never hands out twice; changing them makes a new intent.
 */
export const HandOutDialog = ({
  beneficiaryId,
  diagnostics,
  onClose,
}: {
  beneficiaryId: string;
  /** Most recent first. */
  diagnostics: Diagnostic[];
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [scanned, setScanned] = useState<CarnetReference | null>(null);
  const [scanning, setScanning] = useState(false);
  const [diagnosticId, setDiagnosticId] = useState(diagnostics[0]?.id ?? '');
  const [tried, setTried] = useState(false);
  const intent = useRef<{ key: string; body: string } | null>(null);

  const reference: CarnetReference | null =
    scanned ?? (typedSerial(typed) ? { carnetSerial: typedSerial(typed)! } : null);

  const handOut = useMutation<HandOut, unknown, CarnetReference>({
    mutationFn: (carnet) => {
      const body = { ...carnet, diagnosticId };
      const text = JSON.stringify(body);
      if (intent.current?.body !== text) {
        intent.current = { key: crypto.randomUUID(), body: text };
      }
      return beneficiaryActions.handOut(beneficiaryId, body, intent.current.key);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['hand-outs', beneficiaryId] }),
  });

  const onRead = useCallback((read: CarnetReference) => {
    setScanned(read);
    setScanning(false);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reference && diagnosticId) handOut.mutate(reference);
  };

  if (handOut.data) {
    return (
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
        <DialogTitle>{translate('carnet.handOut.doneTitle')}</DialogTitle>
        <DialogContent>
          <HandOutResult beneficiaryId={beneficiaryId} handOut={handOut.data} />
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={onClose} sx={{ minHeight: 44 }}>
            {translate('ra.action.close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{translate('carnet.handOut.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {handOut.error !== null && (
              <Alert severity="error" role="alert">
                {refusalOf(handOut.error, translate)}
              </Alert>
            )}
            {scanning ? (
              <CarnetScanner onRead={onRead} onCancel={() => setScanning(false)} />
            ) : scanned ? (
              <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
                <Typography role="status">
                  {'chequeNumber' in scanned
                    ? translate('carnet.handOut.scannedCheque', {
                        number: formatChequeNumber(scanned.chequeNumber),
                      })
                    : translate('carnet.handOut.scannedSerial', {
                        serial: formatCarnetSerial(scanned.carnetSerial),
                      })}
                </Typography>
                <Button onClick={() => setScanned(null)} sx={{ minHeight: 44 }}>
                  {translate('carnet.handOut.typeInstead')}
                </Button>
              </Stack>
            ) : (
              <>
                <TextField
                  label={translate('carnet.handOut.serial')}
                  helperText={
                    tried && !reference
                      ? translate('carnet.handOut.serialRequired')
                      : translate('carnet.handOut.serialHelp')
                  }
                  error={tried && !reference}
                  value={typed}
                  onChange={(event) => setTyped(event.target.value)}
                  fullWidth
                  slotProps={{
                    htmlInput: { inputMode: 'numeric', autoComplete: 'off', maxLength: 20 },
                  }}
                />
                {canScan() && (
                  <Button
                    startIcon={<CameraIcon />}
                    variant="outlined"
                    onClick={() => setScanning(true)}
                    sx={{ minHeight: 44, alignSelf: 'flex-start' }}
                  >
                    {translate('carnet.handOut.scan.button')}
                  </Button>
                )}
              </>
            )}
            <FormControl component="fieldset">
              <FormLabel component="legend">{translate('carnet.handOut.diagnostic')}</FormLabel>
              <RadioGroup
                value={diagnosticId}
                onChange={(event) => setDiagnosticId(event.target.value)}
              >
                {diagnostics.map((diagnostic, index) => (
                  <FormControlLabel
                    key={diagnostic.id}
                    value={diagnostic.id}
                    control={<Radio />}
                    label={translate(
                      index === 0 ? 'carnet.handOut.latestDiagnostic' : 'carnet.diagnostics.of',
                      { date: formatDateTime(diagnostic.createdAt) },
                    )}
                    sx={{ minHeight: 44 }}
                  />
                ))}
              </RadioGroup>
            </FormControl>
          </Stack>
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          <Button onClick={onClose} sx={{ minHeight: 44 }}>
            {translate('ra.action.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={handOut.isPending || scanning}
            sx={{ minHeight: 44 }}
          >
            {translate('carnet.handOut.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
