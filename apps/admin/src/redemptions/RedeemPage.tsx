import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { HttpError, Title, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatChequeNumber } from '../beneficiaries/scanning';
import { formatDateTime } from '../dates';
import { formatCents } from '../money';
import { attemptAnswered, attemptKey, type RedemptionAttempt, unansweredAttempt } from './intent';
import { HISTORY_PATH } from './links';
import { AddCheque, PresentedChequeList, type PresentedRow } from './PresentedCheques';
import {
  type MediationService,
  type Redemption,
  redemptionActions,
  type Venue,
} from './redemptionData';
import { RedemptionReceipt } from './RedemptionReceipt';
import {
  DURATIONS,
  formatDuration,
  MAX_CHEQUES,
  type PresentedCheque,
  todayInFrance,
} from './redemptionRules';
import { ActingVenueGate, useActingVenue, VenuePicker } from './useActingVenue';

const DEFAULT_DURATION = 60;

/**
 * A frozen form stays readable: the help and legends of its disabled fields keep the secondary
 * text colour (MUI's disabled grey is below the contrast WCAG asks for).
 */
const READABLE_WHEN_DISABLED = {
  '& .MuiFormHelperText-root.Mui-disabled, & .MuiFormLabel-root.Mui-disabled': {
    color: 'text.secondary',
  },
};

/**
 * The API's answer is final (a redemption, or a refusal that kept no key): the attempt is over.
 * No answer, a server error, or the same key still being worked on: it may have been made, so
 * the next try must send the same key.
 */
const isFinalAnswer = (error: unknown): boolean => {
  if (!(error instanceof HttpError)) return false;
  return (
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    codeOf(error) !== 'IDEMPOTENCY_KEY_IN_USE'
  );
};

const codeOf = (error: unknown): unknown =>
  error instanceof HttpError ? (error.body as { code?: unknown } | undefined)?.code : undefined;

/** The cheques a refusal names (`errors[].field` = `cheques[i]`), with its sentence. */
const refusedCheques = (error: HttpError): Map<number, string> => {
  const refused = new Map<number, string>();
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  for (const field of Object.keys(errors)) {
    const index = /^cheques\[(\d+)\]/.exec(field)?.[1];
    if (index !== undefined) refused.set(Number(index), error.message);
  }
  return refused;
};

/**
 * The venue's redemption of exactly `numbers` still standing, among its latest ones: what an
 * attempt left unanswered made, if it went through. A cheque is in one standing redemption at
 * most, so the match is that attempt's (or one made for the same cheques since, just as valid).
 */
async function madeRedemption(venueId: string, numbers: string[]): Promise<Redemption | null> {
  const { data } = await redemptionActions.history(venueId);
  const wanted = new Set(numbers);
  return (
    data.find(
      (redemption) =>
        redemption.status === 'ACTIVE' &&
        redemption.cheques.length === wanted.size &&
        redemption.cheques.every((cheque) => wanted.has(cheque.number)),
    ) ?? null
  );
}

/**
 * An attempt sent earlier in this tab that got no answer (the page was reloaded after a lost
 * connection): the form takes it up, and presenting the same cheques shows its confirmation.
 */
const UnansweredNotice = ({ attempt }: { attempt: RedemptionAttempt }) => {
  const translate = useTranslate();
  const [shown, setShown] = useState(true);
  if (!shown) return null;
  return (
    <Alert severity="warning" data-testid="unanswered-attempt">
      {translate('carnet.redemptions.unanswered', {
        smart_count: attempt.request.numbers.length,
        date: formatDateTime(attempt.sentAt),
        numbers: attempt.request.numbers.map(formatChequeNumber).join(', '),
      })}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
        <Button component={Link} to={HISTORY_PATH} color="inherit" sx={{ minHeight: 44 }}>
          {translate('carnet.redemptions.seeHistory')}
        </Button>
        <Button color="inherit" onClick={() => setShown(false)} sx={{ minHeight: 44 }}>
          {translate('carnet.redemptions.dismiss')}
        </Button>
      </Stack>
    </Alert>
  );
};

/** The cheques, the service they pay for, « Encaisser »; then the confirmation. */
const RedeemForm = ({ venue }: { venue: Venue }) => {
  const translate = useTranslate();
  const services = venue.services ?? [];
  // An attempt of this venue left unanswered: its service, day, duration and participants fill
  // the form, so that presenting its cheques again sends the same request, hence the same key.
  const [resumed, setResumed] = useState(() => {
    const attempt = unansweredAttempt();
    return attempt?.request.venueId === venue.id ? attempt : null;
  });
  const [rows, setRows] = useState<PresentedRow[]>([]);
  const [service, setService] = useState<MediationService | ''>(
    resumed?.request.service ?? (services.length === 1 ? services[0] : ''),
  );
  const [duration, setDuration] = useState(resumed?.request.durationMinutes ?? DEFAULT_DURATION);
  const [serviceDate, setServiceDate] = useState(
    () => resumed?.request.serviceDate ?? todayInFrance(),
  );
  const [participants, setParticipants] = useState(String(resumed?.request.participants ?? 1));
  const [tried, setTried] = useState(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [lost, setLost] = useState(false);
  const [done, setDone] = useState<Redemption | null>(null);
  // A lost answer freezes the form (and the key): only the same retry, or « Abandonner ».
  const frozen = lost || pending;
  const nextKey = useRef(0);
  const resumedRef = useRef(resumed);
  resumedRef.current = resumed;
  // The latest rows, for checks that answer after other changes.
  const current = useRef(rows);
  current.current = rows;

  const qualified = venue.qualificationStatus === 'QUALIFIED';
  const today = todayInFrance();
  const payable = rows.filter((row) => row.state === 'payable');
  const total = payable.reduce((sum, row) => sum + (row.check?.faceValueCents ?? 0), 0);
  const allPayable = rows.length > 0 && payable.length === rows.length;
  const participantCount = Number(participants);
  const participantsValid =
    Number.isInteger(participantCount) && participantCount >= 1 && participantCount <= 30;
  const dateValid = /^\d{4}-\d{2}-\d{2}$/.test(serviceDate) && serviceDate <= today;

  const update = (key: string, change: Partial<PresentedRow>) =>
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const check = async (row: PresentedRow) => {
    update(row.key, { state: 'checking', message: undefined });
    try {
      const answer = await redemptionActions.check(venue.id, row.number, row.securityCode);
      // Spent, but by the attempt left unanswered, most likely: sending that attempt again
      // (same key) answers its redemption, or the API's refusal if someone else spent it.
      const spentByResumed =
        answer.reason === 'ALREADY_USED' &&
        resumedRef.current?.request.numbers.includes(row.number);
      update(
        row.key,
        answer.payableHere
          ? { state: 'payable', check: answer }
          : spentByResumed
            ? { state: 'payable', check: answer, resumed: true }
            : {
                state: 'refused',
                check: answer,
                message: answer.reason
                  ? translate(`carnet.notPayableReasons.${answer.reason}`)
                  : translate('carnet.chequeCheck.notPayable'),
              },
      );
    } catch (error) {
      update(
        row.key,
        error instanceof HttpError
          ? { state: 'refused', message: error.message }
          : { state: 'unreachable', message: translate('carnet.redemptions.unreachable') },
      );
    }
  };

  const add = (cheque: PresentedCheque): string | null => {
    // The lost attempt's cheques stay as sent (a scan may still end after the form froze).
    if (lost) return translate('carnet.redemptions.lost');
    const list = current.current;
    if (list.some((row) => row.number === cheque.number)) {
      return translate('carnet.redemptions.duplicate', {
        number: formatChequeNumber(cheque.number),
      });
    }
    if (list.length >= MAX_CHEQUES) {
      return translate('carnet.redemptions.tooMany', { max: MAX_CHEQUES });
    }
    const row: PresentedRow = { ...cheque, key: String(nextKey.current++), state: 'checking' };
    current.current = [...list, row];
    setRows(current.current);
    setRefusal(null);
    void check(row);
    return null;
  };

  /**
   * The attempt's redemption was cancelled since (from another device): its cheques are not
   * redeemed. Said in French, the attempt forgotten, the cheques left listed and checked again,
   * so that « Encaisser » redeems them anew under a new key.
   */
  const cancelledSince = (message: string) => {
    attemptAnswered();
    setResumed(null);
    resumedRef.current = null;
    setRefusal(message);
    for (const row of current.current) void check(row);
  };

  /** The confirmation of a redemption, only if it stands: never « enregistré » for a cancelled one. */
  const made = (redemption: Redemption) => {
    if (redemption.status !== 'ACTIVE') {
      cancelledSince(translate('errors.REDEMPTION_CANCELLED'));
      return;
    }
    attemptAnswered();
    setResumed(null);
    setDone(redemption);
  };

  const redeem = async () => {
    if (!service) return;
    // The attempt left unanswered before this one, if any: a refusal of its cheques as already
    // redeemed most likely means it went through.
    const previous = unansweredAttempt();
    const body = {
      venueId: venue.id,
      cheques: rows.map(({ number, securityCode }) => ({ number, securityCode })),
      service,
      serviceDate,
      durationMinutes: duration,
      participants: participantCount,
    };
    const key = attemptKey(body);
    setPending(true);
    setRefusal(null);
    setLost(false);
    try {
      made(await redemptionActions.redeem(body, key));
    } catch (error) {
      if (!isFinalAnswer(error)) {
        setLost(true);
        return;
      }
      if (codeOf(error) === 'REDEMPTION_CANCELLED') {
        cancelledSince((error as HttpError).message);
        return;
      }
      if (
        codeOf(error) === 'CHEQUE_ALREADY_REDEEMED' &&
        previous?.request.venueId === venue.id &&
        previous.request.numbers.some((number) => body.cheques.some((c) => c.number === number))
      ) {
        const earlier = await madeRedemption(venue.id, previous.request.numbers).catch(() => null);
        if (earlier) {
          made(earlier);
          return;
        }
      }
      attemptAnswered();
      setResumed(null);
      const httpError = error as HttpError;
      setRefusal(httpError.message);
      const named = refusedCheques(httpError);
      setRows((list) =>
        list.map((row, index) =>
          named.has(index) ? { ...row, state: 'refused', message: named.get(index) } : row,
        ),
      );
    } finally {
      setPending(false);
    }
  };

  /**
   * « Abandonner cet envoi »: the history first, since the lost attempt may have gone through
   * (then its confirmation); else the attempt is forgotten and the form may change again.
   */
  const abandon = async () => {
    const attempt = unansweredAttempt();
    const numbers = attempt?.request.numbers ?? rows.map((row) => row.number);
    setPending(true);
    setRefusal(null);
    try {
      const earlier = await madeRedemption(venue.id, numbers);
      if (earlier) {
        made(earlier);
        return;
      }
      attemptAnswered();
      setResumed(null);
      setLost(false);
    } catch {
      setRefusal(translate('carnet.redemptions.abandonFailed'));
    } finally {
      setPending(false);
    }
  };

  const checking = rows.some((row) => row.state === 'checking');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (allPayable && service && dateValid && participantsValid && !pending) void redeem();
  };

  const restart = () => {
    setRows([]);
    current.current = [];
    setDone(null);
    setTried(false);
    setRefusal(null);
    setLost(false);
    setParticipants('1');
  };

  if (done) return <RedemptionReceipt redemption={done} onAnother={restart} />;

  return (
    <Stack spacing={2} sx={{ mt: 2, ...READABLE_WHEN_DISABLED }}>
      {resumed && <UnansweredNotice attempt={resumed} />}
      {!qualified && (
        <Alert severity="error" data-testid="venue-not-qualified">
          {translate('carnet.redemptions.notQualified')}
        </Alert>
      )}
      <Card component="section" aria-labelledby="presented-title">
        <CardContent>
          <Typography id="presented-title" variant="h6" component="h2" sx={{ mb: 1 }}>
            {translate('carnet.redemptions.presented')}
          </Typography>
          <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
            {translate('carnet.redemptions.intro')}
          </Typography>
          <PresentedChequeList
            rows={rows}
            frozen={frozen}
            onRemove={(key) => {
              current.current = current.current.filter((row) => row.key !== key);
              setRows(current.current);
              setRefusal(null);
            }}
            onCheckAgain={(key) => {
              const row = current.current.find((r) => r.key === key);
              if (row) void check(row);
            }}
          />
          <Box sx={{ mt: 2 }}>
            <AddCheque onAdd={add} disabled={!qualified || frozen} />
          </Box>
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="service-title">
        <CardContent>
          <form onSubmit={submit} noValidate aria-labelledby="service-title">
            <Typography id="service-title" variant="h6" component="h2" sx={{ mb: 2 }}>
              {translate('carnet.redemptions.service')}
            </Typography>
            <Stack spacing={2}>
              {services.length === 0 ? (
                <Alert severity="warning">{translate('carnet.redemptions.noService')}</Alert>
              ) : (
                <FormControl component="fieldset" error={tried && !service} disabled={frozen}>
                  <FormLabel component="legend">
                    {translate('carnet.redemptions.serviceLabel')}
                  </FormLabel>
                  <RadioGroup
                    value={service}
                    onChange={(event) => setService(event.target.value as MediationService)}
                  >
                    {services.map((s) => (
                      <FormControlLabel
                        key={s}
                        value={s}
                        control={<Radio />}
                        label={s}
                        sx={{ minHeight: 44, mr: 0 }}
                      />
                    ))}
                  </RadioGroup>
                  {tried && !service && (
                    <Typography variant="body2" color="error">
                      {translate('carnet.redemptions.chooseService')}
                    </Typography>
                  )}
                </FormControl>
              )}
              <TextField
                select
                label={translate('carnet.redemptions.duration')}
                value={duration}
                onChange={(event) => setDuration(Number(event.target.value))}
                disabled={frozen}
                fullWidth
                slotProps={{ select: { native: true } }}
              >
                {DURATIONS.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {formatDuration(minutes)}
                  </option>
                ))}
              </TextField>
              <TextField
                type="date"
                label={translate('carnet.redemptions.serviceDate')}
                value={serviceDate}
                onChange={(event) => setServiceDate(event.target.value)}
                disabled={frozen}
                error={tried && !dateValid}
                helperText={
                  tried && !dateValid
                    ? translate('carnet.redemptions.dateInvalid')
                    : translate('carnet.redemptions.serviceDateHelp')
                }
                fullWidth
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
              />
              <TextField
                type="number"
                label={translate('carnet.redemptions.participants')}
                value={participants}
                onChange={(event) => setParticipants(event.target.value)}
                disabled={frozen}
                error={tried && !participantsValid}
                helperText={translate('carnet.redemptions.participantsHelp')}
                fullWidth
                slotProps={{ htmlInput: { min: 1, max: 30, inputMode: 'numeric' } }}
              />
              {payable.length > 0 && (
                <Typography data-testid="redemption-total" sx={{ fontWeight: 500 }}>
                  {translate('carnet.redemptions.total', {
                    smart_count: payable.length,
                    value: formatCents(total),
                  })}
                </Typography>
              )}
              {tried && rows.length === 0 && (
                <Alert severity="warning">{translate('carnet.redemptions.addFirst')}</Alert>
              )}
              {tried && checking && (
                <Alert severity="info">{translate('carnet.redemptions.waitChecks')}</Alert>
              )}
              {rows.length > 0 && !allPayable && !checking && (
                <Alert severity="warning">{translate('carnet.redemptions.removeRefused')}</Alert>
              )}
              {refusal && (
                <Alert severity="error" data-testid="redemption-refusal">
                  {refusal}
                </Alert>
              )}
              {lost && (
                <Alert severity="warning" data-testid="redemption-lost">
                  {translate('carnet.redemptions.lost')}
                </Alert>
              )}
              <Button
                type="submit"
                variant="contained"
                size="large"
                disabled={!qualified || pending}
                sx={{ minHeight: 52 }}
              >
                {pending
                  ? translate('carnet.redemptions.submitting')
                  : lost
                    ? translate('carnet.redemptions.retry')
                    : allPayable
                      ? translate('carnet.redemptions.submit', {
                          smart_count: payable.length,
                          value: formatCents(total),
                        })
                      : translate('carnet.redemptions.submitEmpty')}
              </Button>
              {lost && (
                <Button
                  variant="outlined"
                  onClick={() => void abandon()}
                  disabled={pending}
                  sx={{ minHeight: 48 }}
                >
                  {translate('carnet.redemptions.abandon')}
                </Button>
              )}
            </Stack>
          </form>
        </CardContent>
      </Card>
    </Stack>
  );
};

/** « Encaisser des chèques », for a venue's staff, built for a phone. */
export const RedeemPage = () => {
  const translate = useTranslate();
  const acting = useActingVenue();
  return (
    <Box sx={{ maxWidth: 720 }}>
      <Title title={translate('carnet.redemptions.redeemTitle')} />
      <ActingVenueGate acting={acting}>
        {(venue) => (
          <>
            <Typography variant="subtitle1" sx={{ mt: 2, fontWeight: 500 }}>
              {venue.name}
            </Typography>
            <VenuePicker acting={acting} />
            <RedeemForm key={venue.id} venue={venue} />
          </>
        )}
      </ActingVenueGate>
    </Box>
  );
};
