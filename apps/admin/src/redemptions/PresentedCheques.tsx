import CameraIcon from '@mui/icons-material/PhotoCamera';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  IconButton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

import { CodeScanner, canScan, type ScannerMessages } from '../beneficiaries/CarnetScanner';
import { formatChequeNumber, scannedCheque } from '../beneficiaries/scanning';
import { formatTypedNumber } from '../cheques/ChequeCheckPage';
import { formatDay } from '../dates';
import { formatCents } from '../money';
import type { ChequeCheck } from './redemptionData';
import { type PresentedCheque, typedCheque } from './redemptionRules';

/** A cheque the person handed over, and what the check answered for it. */
export interface PresentedRow extends PresentedCheque {
  /** Local key of the row. */
  key: string;
  state: 'checking' | 'payable' | 'refused' | 'unreachable';
  check?: ChequeCheck;
  /** Why it is refused, in French. */
  message?: string;
  /** Spent by the attempt left unanswered that the screen takes up: sendable again. */
  resumed?: boolean;
}

const SCAN_MESSAGES: ScannerMessages = {
  help: 'carnet.redemptions.scan.help',
  video: 'carnet.handOut.scan.video',
  foreign: 'carnet.redemptions.scan.foreign',
  denied: 'carnet.redemptions.scan.denied',
  unavailable: 'carnet.redemptions.scan.unavailable',
  stop: 'carnet.handOut.scan.stop',
};

/** One cheque of the list: its number, its verdict, « Retirer ». */
const ChequeRow = ({
  row,
  frozen,
  onRemove,
  onCheckAgain,
}: {
  row: PresentedRow;
  frozen: boolean;
  onRemove: () => void;
  onCheckAgain: () => void;
}) => {
  const translate = useTranslate();
  const number = formatChequeNumber(row.number);
  return (
    <Card variant="outlined" data-testid="presented-cheque" component="li">
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography
            component="p"
            sx={{ fontFamily: 'monospace', fontSize: '1.1rem', flexGrow: 1, minWidth: 0 }}
          >
            {translate('carnet.redemptions.chequeNumber', { number })}
          </Typography>
          <IconButton
            onClick={onRemove}
            disabled={frozen}
            aria-label={translate('carnet.redemptions.remove', { number })}
            sx={{ width: 48, height: 48 }}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
        {row.state === 'checking' && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
            <CircularProgress size={20} />
            <Typography variant="body2">{translate('carnet.redemptions.checking')}</Typography>
          </Stack>
        )}
        {row.state === 'payable' && row.check && row.resumed && (
          <Alert severity="info" data-testid="cheque-verdict">
            {translate('carnet.redemptions.spentByResumed', {
              value: formatCents(row.check.faceValueCents),
            })}
          </Alert>
        )}
        {row.state === 'payable' && row.check && !row.resumed && (
          <Alert severity="success" data-testid="cheque-verdict">
            {translate('carnet.redemptions.payable', {
              value: formatCents(row.check.faceValueCents),
              day: formatDay(row.check.validUntil),
            })}
          </Alert>
        )}
        {row.state === 'refused' && (
          <Alert severity="error" data-testid="cheque-verdict">
            {row.message}
          </Alert>
        )}
        {row.state === 'unreachable' && (
          <Alert severity="warning" data-testid="cheque-verdict">
            {row.message}
            <Box>
              <Button color="inherit" onClick={onCheckAgain} sx={{ mt: 1, minHeight: 44 }}>
                {translate('carnet.redemptions.checkAgain')}
              </Button>
            </Box>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};

/** The cheques presented so far, each with its verdict; none removable while `frozen`. */
export const PresentedChequeList = ({
  rows,
  frozen,
  onRemove,
  onCheckAgain,
}: {
  rows: PresentedRow[];
  frozen: boolean;
  onRemove: (key: string) => void;
  onCheckAgain: (key: string) => void;
}) => {
  const translate = useTranslate();
  if (rows.length === 0) {
    return <Typography variant="body2">{translate('carnet.redemptions.noCheque')}</Typography>;
  }
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {rows.map((row) => (
        <ChequeRow
          key={row.key}
          row={row}
          frozen={frozen}
          onRemove={() => onRemove(row.key)}
          onCheckAgain={() => onCheckAgain(row.key)}
        />
      ))}
    </Stack>
  );
};

/**
 * Adds a cheque: its QR code read with the camera (number and code in one go), or its number and
 * code typed. `onAdd` answers why it cannot be added (already listed, too many), or null.
 */
export const AddCheque = ({
  onAdd,
  disabled,
}: {
  onAdd: (cheque: PresentedCheque) => string | null;
  disabled: boolean;
}) => {
  const translate = useTranslate();
  const [scanning, setScanning] = useState(false);
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const numberInput = useRef<HTMLInputElement>(null);
  // The scanner restarts its camera when its callbacks change: keep them stable.
  const add = useRef(onAdd);
  add.current = onAdd;

  const onScanned = useCallback((cheque: PresentedCheque) => {
    setScanning(false);
    setProblem(add.current(cheque));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cheque = typedCheque(number, code);
    if (!cheque) {
      setProblem(translate('carnet.redemptions.incomplete'));
      return;
    }
    const refused = onAdd(cheque);
    setProblem(refused);
    if (refused === null) {
      setNumber('');
      setCode('');
      numberInput.current?.focus();
    }
  };

  return (
    <Box>
      {scanning ? (
        <CodeScanner
          readCode={scannedCheque}
          messages={SCAN_MESSAGES}
          onRead={onScanned}
          onCancel={() => setScanning(false)}
        />
      ) : (
        canScan() && (
          <Button
            variant="contained"
            startIcon={<CameraIcon />}
            onClick={() => {
              setProblem(null);
              setScanning(true);
            }}
            disabled={disabled}
            fullWidth
            sx={{ minHeight: 48, mb: 2 }}
          >
            {translate('carnet.redemptions.scan.button')}
          </Button>
        )
      )}
      <form onSubmit={submit} aria-label={translate('carnet.redemptions.typeTitle')} noValidate>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
          {translate('carnet.redemptions.typeTitle')}
        </Typography>
        <Stack spacing={2}>
          <TextField
            inputRef={numberInput}
            name="number"
            label={translate('carnet.chequeCheck.number')}
            helperText={translate('carnet.chequeCheck.numberHelp')}
            value={number}
            onChange={(event) => {
              setNumber(formatTypedNumber(event.target.value));
              setProblem(null);
            }}
            fullWidth
            disabled={disabled}
            slotProps={{
              htmlInput: {
                inputMode: 'numeric',
                autoComplete: 'off',
                spellCheck: false,
                style: { fontFamily: 'monospace', letterSpacing: 1 },
              },
            }}
          />
          <TextField
            name="securityCode"
            label={translate('carnet.chequeCheck.securityCode')}
            helperText={translate('carnet.chequeCheck.securityCodeHelp')}
            value={code}
            onChange={(event) => {
              setCode(event.target.value.toUpperCase().slice(0, 11));
              setProblem(null);
            }}
            fullWidth
            disabled={disabled}
            slotProps={{
              htmlInput: {
                autoComplete: 'off',
                autoCapitalize: 'characters',
                spellCheck: false,
                style: { fontFamily: 'monospace', letterSpacing: 1 },
              },
            }}
          />
          {problem && (
            <Alert severity="warning" data-testid="add-cheque-problem">
              {problem}
            </Alert>
          )}
          <Button
            type="submit"
            variant="outlined"
            disabled={disabled}
            sx={{ minHeight: 48, alignSelf: { xs: 'stretch', sm: 'flex-start' } }}
          >
            {translate('carnet.redemptions.addTyped')}
          </Button>
        </Stack>
      </form>
    </Box>
  );
};
