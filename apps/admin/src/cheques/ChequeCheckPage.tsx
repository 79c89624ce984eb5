import type { Schemas } from '@carnet/api-client';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import {
  AccessDenied,
  CanAccess,
  Title,
  useCanAccess,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import { useSearchParams } from 'react-router';

import type { CarnetDataProvider } from '../dataProvider';
import { ChequeHistory } from './ChequeHistory';
import { ChequeResult } from './ChequeResult';

type ChequeCheck = Schemas['ChequeCheckResponseDto'];
type AuditEvent = Schemas['AuditEventResponseDto'];

const NUMBER_DIGITS = 12;

/** As printed, while it is typed: "000000000017" → "0000 0000 0017"; anything but digits goes. */
export const formatTypedNumber = (input: string): string =>
  input
    .replace(/\D/g, '')
    .slice(0, NUMBER_DIGITS)
    .replace(/(\d{4})(?=\d)/g, '$1 ');

interface Answer {
  cheque: ChequeCheck;
  /** The audit trail, for the roles that may read it. */
  events?: AuditEvent[];
}

/**
 * « Vérifier un chèque »: a venue types the number and the security code printed on a cheque
 * to know whether it may accept it; the programme owner needs no code, and also reads the
 * cheque's history and may cancel it. A number with a wrong check digit is refused by the API
 * before any lookup, in French.
 */
const ChequeCheckForm = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [searchParams] = useSearchParams();
  const { canAccess: withoutCode } = useCanAccess({
    resource: 'cheques',
    action: 'checkWithoutCode',
  });
  const { canAccess: mayReadHistory } = useCanAccess({ resource: 'cheques', action: 'history' });
  // A carnet's page links here with the number (`?numero=`).
  const [number, setNumber] = useState(() => formatTypedNumber(searchParams.get('numero') ?? ''));
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);

  const digits = number.replace(/\D/g, '');
  const needsCode = withoutCode === false;
  const ready = digits.length === NUMBER_DIGITS && (!needsCode || code.trim() !== '');

  const check = async () => {
    setPending(true);
    setFailure(undefined);
    setAnswer(undefined);
    try {
      const cheque = await dataProvider.checkCheque(digits, needsCode ? code.trim() : undefined);
      const events = mayReadHistory ? (await dataProvider.chequeEvents(digits)).data : undefined;
      setAnswer({ cheque, events });
    } catch (error) {
      setFailure(
        error instanceof Error && error.message
          ? error.message
          : translate('ra.notification.http_error'),
      );
    } finally {
      setPending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) void check();
  };

  return (
    <Stack spacing={3} sx={{ mt: 2, maxWidth: 900 }}>
      <Card>
        <CardContent>
          <form onSubmit={submit} aria-label={translate('carnet.chequeCheck.title')}>
            <Stack spacing={2}>
              <Typography variant="body2" color="textSecondary">
                {translate('carnet.chequeCheck.intro')}
              </Typography>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  autoFocus
                  required
                  name="number"
                  label={translate('carnet.chequeCheck.number')}
                  helperText={translate('carnet.chequeCheck.numberHelp')}
                  value={number}
                  onChange={(event) => {
                    setNumber(formatTypedNumber(event.target.value));
                    setFailure(undefined);
                  }}
                  slotProps={{
                    htmlInput: {
                      inputMode: 'numeric',
                      autoComplete: 'off',
                      spellCheck: false,
                      style: { fontFamily: 'monospace', letterSpacing: 1 },
                    },
                  }}
                  sx={{ minWidth: 260 }}
                />
                {needsCode && (
                  <TextField
                    required
                    name="securityCode"
                    label={translate('carnet.chequeCheck.securityCode')}
                    helperText={translate('carnet.chequeCheck.securityCodeHelp')}
                    value={code}
                    onChange={(event) => setCode(event.target.value.toUpperCase().slice(0, 11))}
                    slotProps={{
                      htmlInput: {
                        autoComplete: 'off',
                        spellCheck: false,
                        style: { fontFamily: 'monospace', letterSpacing: 1 },
                      },
                    }}
                    sx={{ minWidth: 220 }}
                  />
                )}
                <Box sx={{ pt: 1 }}>
                  <Button type="submit" variant="contained" disabled={pending || !ready}>
                    {translate('carnet.chequeCheck.submit')}
                  </Button>
                </Box>
              </Stack>
              {failure && (
                <Alert severity="error" data-testid="cheque-check-error">
                  {failure}
                </Alert>
              )}
            </Stack>
          </form>
        </CardContent>
      </Card>
      {answer && <ChequeResult cheque={answer.cheque} onChanged={() => void check()} />}
      {answer?.events && <ChequeHistory events={answer.events} />}
    </Stack>
  );
};

export const ChequeCheckPage = () => {
  const translate = useTranslate();
  return (
    <>
      <Title title={translate('carnet.chequeCheck.title')} />
      <CanAccess resource="cheques" action="list" accessDenied={<AccessDenied />}>
        <ChequeCheckForm />
      </CanAccess>
    </>
  );
};
