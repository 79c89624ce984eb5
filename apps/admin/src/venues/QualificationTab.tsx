import type { Schemas } from '@carnet/api-client';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import {
  Loading,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

import {
  type QualificationCriterion,
  qualificationMoves,
  type QualificationStatus,
} from '../choices';
import { formatDateTime } from '../dates';
import type { CarnetDataProvider } from '../dataProvider';
import type { VenueParts } from '../venueData';
import { QualificationStatusChip } from './QualificationStatusChip';

type Venue = Schemas['VenueResponseDto'];
type Qualification = VenueParts['venue-qualifications'];
type ChecklistItem = Schemas['ChecklistItemDto'];

/** The venue's qualification: its status, a decision form for managers, the decisions so far. */
export const QualificationTab = (_props: { label?: false }) => {
  const venue = useRecordContext<Venue>();
  const translate = useTranslate();
  const { canAccess: mayDecide } = useCanAccess({ resource: 'venues', action: 'qualify' });
  const { data, isPending, error } = useGetOne<Qualification>(
    'venue-qualifications',
    { id: venue?.id ?? '' },
    { enabled: venue !== undefined },
  );
  if (!venue) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1">{translate('carnet.qualification.current')}</Typography>
        <Box data-testid="qualification-status">
          <QualificationStatusChip status={data.status} />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {translate(
            venue.acceptsPass
              ? 'carnet.qualification.acceptsPass'
              : 'carnet.qualification.refusesPass',
          )}
        </Typography>
      </Stack>
      {mayDecide && (
        // Remounted after each decision, so that the form starts again from the new status.
        <DecisionForm
          key={`${data.status}-${data.history.length}`}
          venueId={venue.id}
          qualification={data}
        />
      )}
      <DecisionHistory qualification={data} />
    </Stack>
  );
};

const DecisionForm = ({
  venueId,
  qualification,
}: {
  venueId: string;
  qualification: Qualification;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const moves = qualificationMoves[qualification.status];
  const [target, setTarget] = useState<QualificationStatus | ''>(moves[0] ?? '');
  const [reason, setReason] = useState('');
  // Starts from the last decision's checklist: a suspension rarely changes every criterion.
  const [checklist, setChecklist] = useState<Record<string, ChecklistItem>>(() => {
    const last = new Map(qualification.history[0]?.checklist.map((item) => [item.criterion, item]));
    return Object.fromEntries(
      qualification.criteria.map((criterion) => [
        criterion,
        {
          criterion,
          met: last.get(criterion)?.met ?? false,
          note: last.get(criterion)?.note ?? '',
        },
      ]),
    );
  });
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  if (moves.length === 0) {
    return <Typography variant="body2">{translate('carnet.qualification.noMove')}</Typography>;
  }

  const setItem = (criterion: QualificationCriterion, change: Partial<ChecklistItem>) =>
    setChecklist((items) => ({ ...items, [criterion]: { ...items[criterion], ...change } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    setPending(true);
    setRefusal(undefined);
    try {
      await dataProvider.decideQualification(venueId, {
        status: target,
        reason: reason.trim(),
        checklist: qualification.criteria.map((criterion) => {
          const { met, note } = checklist[criterion];
          return note?.trim() ? { criterion, met, note: note.trim() } : { criterion, met };
        }),
      });
      notify('carnet.qualification.done', {
        type: 'success',
        messageArgs: { status: translate(`carnet.qualificationStatuses.${target}`) },
      });
      refresh();
    } catch (error) {
      // Shown once, under the form.
      setRefusal(error instanceof Error ? error.message : undefined);
    } finally {
      setPending(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, maxWidth: 900 }}>
      <form
        onSubmit={(event) => void submit(event)}
        aria-label={translate('carnet.qualification.decide')}
      >
        <Stack spacing={2}>
          <Typography variant="subtitle1">{translate('carnet.qualification.decide')}</Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              select
              label={translate('carnet.qualification.target')}
              value={target}
              onChange={(event) => setTarget(event.target.value as QualificationStatus)}
              sx={{ minWidth: 220 }}
              slotProps={{ htmlInput: { name: 'status' } }}
            >
              {moves.map((status) => (
                <MenuItem key={status} value={status}>
                  {translate(`carnet.qualificationStatuses.${status}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              required
              fullWidth
              name="reason"
              label={translate('carnet.qualification.reason')}
              helperText={translate('carnet.qualification.reasonHelp')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </Stack>
          <Box>
            <Typography variant="subtitle2">
              {translate('carnet.qualification.checklist')}
            </Typography>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              {translate('carnet.qualification.checklistHelp')}
            </Typography>
            {qualification.criteria.map((criterion) => (
              <Stack
                key={criterion}
                direction={{ xs: 'column', md: 'row' }}
                spacing={1}
                sx={{ alignItems: { md: 'center' } }}
              >
                <FormControlLabel
                  sx={{ minWidth: 380 }}
                  control={
                    <Checkbox
                      checked={checklist[criterion]?.met ?? false}
                      onChange={(event) => setItem(criterion, { met: event.target.checked })}
                    />
                  }
                  label={translate(`carnet.qualificationCriteria.${criterion}`)}
                />
                <TextField
                  size="small"
                  fullWidth
                  label={translate('carnet.qualification.note')}
                  value={checklist[criterion]?.note ?? ''}
                  onChange={(event) => setItem(criterion, { note: event.target.value })}
                  slotProps={{
                    htmlInput: {
                      'aria-label': `${translate('carnet.qualification.note')} — ${translate(`carnet.qualificationCriteria.${criterion}`)}`,
                    },
                  }}
                />
              </Stack>
            ))}
          </Box>
          {refusal && <Alert severity="error">{refusal}</Alert>}
          <Box>
            <Button
              type="submit"
              variant="contained"
              disabled={pending || !target || !reason.trim()}
            >
              {translate('carnet.qualification.submit')}
            </Button>
          </Box>
        </Stack>
      </form>
    </Paper>
  );
};

const DecisionHistory = ({ qualification }: { qualification: Qualification }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="subtitle1" gutterBottom>
        {translate('carnet.qualification.history')}
      </Typography>
      {qualification.history.length === 0 ? (
        <Typography variant="body2">{translate('carnet.qualification.noHistory')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('carnet.qualification.history')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('carnet.qualification.decidedAt')}</TableCell>
              <TableCell>{translate('carnet.qualification.from')}</TableCell>
              <TableCell>{translate('carnet.qualification.to')}</TableCell>
              <TableCell>{translate('carnet.qualification.reason')}</TableCell>
              <TableCell>{translate('carnet.qualification.criteriaMet')}</TableCell>
              <TableCell>{translate('carnet.qualification.decidedBy')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {qualification.history.map((decision) => (
              <TableRow key={decision.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(decision.decidedAt)}
                </TableCell>
                <TableCell>
                  <QualificationStatusChip status={decision.fromStatus} />
                </TableCell>
                <TableCell>
                  <QualificationStatusChip status={decision.toStatus} />
                </TableCell>
                <TableCell>{decision.reason}</TableCell>
                <TableCell
                  title={decision.checklist
                    .map(
                      (item) =>
                        `${item.met ? '✓' : '✗'} ${translate(`carnet.qualificationCriteria.${item.criterion}`)}${item.note ? ` (${item.note})` : ''}`,
                    )
                    .join('\n')}
                >
                  {decision.checklist.filter((item) => item.met).length} /{' '}
                  {decision.checklist.length}
                </TableCell>
                <TableCell>{decision.decidedByLabel}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
