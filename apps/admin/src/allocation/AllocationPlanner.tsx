import type { Schemas } from '@carnet/api-client';
import CheckIcon from '@mui/icons-material/Check';
import PreviewIcon from '@mui/icons-material/Visibility';
import { Alert, Box, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';

import type { CarnetDataProvider } from '../dataProvider';
import { formatCents, formatCount } from '../money';
import { AllocationBars } from './AllocationBars';
import { AllocationTable } from './AllocationTable';
import { criterionLabel } from './criteria';
import { Button } from '../Button';

type Programme = Schemas['ProgrammeResponseDto'];
type AllocationRequest = Schemas['AllocationRequestDto'];
type Allocation = Schemas['AllocationResponseDto'];
type AllocationVersion = Schemas['AllocationVersionDto'];

/** What the inputs hold: text, so that a field can be empty while the user types. */
interface Draft {
  totalCarnets: string;
  fixedPerCommune: string;
  weights: Record<string, string>;
}

function initialDraft(
  programme: Programme,
  criteria: readonly string[],
  inForce: AllocationVersion | undefined,
): Draft {
  const carnetValue = programme.faceValueCents * programme.chequesPerCarnet;
  return {
    totalCarnets: String(inForce?.totalCarnets ?? Math.floor(programme.budgetCents / carnetValue)),
    fixedPerCommune: String(inForce?.fixedPerCommune ?? 10),
    weights: Object.fromEntries(
      criteria.map((criterion) => [criterion, String(inForce?.weights[criterion] ?? 1)]),
    ),
  };
}

const isCount = (text: string) => /^\d+$/.test(text.trim());
const toNumber = (text: string) => Number(text.trim().replace(',', '.'));
const isWeight = (text: string) => text.trim() !== '' && toNumber(text) >= 0;

/** The request, or undefined while an input is not a valid number. */
function toRequest(draft: Draft): AllocationRequest | undefined {
  if (!isCount(draft.totalCarnets) || !isCount(draft.fixedPerCommune)) return undefined;
  if (!Object.values(draft.weights).every(isWeight)) return undefined;
  return {
    totalCarnets: Number(draft.totalCarnets),
    fixedPerCommune: Number(draft.fixedPerCommune),
    weights: Object.fromEntries(
      Object.entries(draft.weights).map(([criterion, weight]) => [criterion, toNumber(weight)]),
    ),
  };
}

/**
 * Plans a new allocation: the manager sets the total, the fixed part and one weight per
 * criterion, previews the result (a dry run that stores nothing), then commits exactly what was
 * previewed as a new version.
 */
export const AllocationPlanner = ({
  programme,
  criteria,
  inForce,
}: {
  programme: Programme;
  criteria: readonly string[];
  inForce: AllocationVersion | undefined;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const [draft, setDraft] = useState(() => initialDraft(programme, criteria, inForce));
  const [preview, setPreview] = useState<{ request: AllocationRequest; result: Allocation }>();
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const request = toRequest(draft);
  const carnetValue = programme.faceValueCents * programme.chequesPerCarnet;
  // Commit only what the preview showed: any change in the inputs asks for a new preview.
  const previewIsCurrent =
    preview !== undefined && JSON.stringify(preview.request) === JSON.stringify(request);

  const run = async (dryRun: boolean) => {
    if (!request) return;
    setPending(true);
    setRefusal(undefined);
    try {
      const result = await dataProvider.allocate(programme.id, request, dryRun);
      if (dryRun) {
        setPreview({ request, result });
      } else {
        setPreview(undefined);
        notify('carnet.allocation.committed', {
          type: 'success',
          messageArgs: { version: result.version ?? '' },
        });
        refresh();
      }
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : translate('ra.notification.http_error'));
      if (dryRun) setPreview(undefined);
    } finally {
      setPending(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };

  const totalChange =
    preview && inForce ? preview.result.totals.total - inForce.totalCarnets : null;

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('carnet.allocation.plannerTitle')}
        </Typography>
        <form onSubmit={submit}>
          <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', mb: 2 }}>
            <TextField
              label={translate('carnet.allocation.totalCarnets')}
              name="totalCarnets"
              type="number"
              required
              sx={{ width: 240 }}
              value={draft.totalCarnets}
              onChange={(event) => setDraft({ ...draft, totalCarnets: event.target.value })}
              error={!isCount(draft.totalCarnets)}
              helperText={
                isCount(draft.totalCarnets)
                  ? translate('carnet.allocation.worth', {
                      value: formatCents(Number(draft.totalCarnets) * carnetValue),
                      budget: formatCents(programme.budgetCents),
                    })
                  : translate('carnet.allocation.wholeNumber')
              }
              slotProps={{ htmlInput: { min: 0, step: 1 } }}
            />
            <TextField
              label={translate('carnet.allocation.fixedPerCommune')}
              name="fixedPerCommune"
              type="number"
              required
              sx={{ width: 240 }}
              value={draft.fixedPerCommune}
              onChange={(event) => setDraft({ ...draft, fixedPerCommune: event.target.value })}
              error={!isCount(draft.fixedPerCommune)}
              helperText={translate('carnet.allocation.fixedHelp')}
              slotProps={{ htmlInput: { min: 0, step: 1 } }}
            />
            {criteria.map((criterion) => (
              <TextField
                key={criterion}
                label={translate('carnet.allocation.weightOf', {
                  criterion: criterionLabel(translate, criterion),
                })}
                name={`weights.${criterion}`}
                type="number"
                required
                sx={{ width: 240 }}
                value={draft.weights[criterion] ?? ''}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    weights: { ...draft.weights, [criterion]: event.target.value },
                  })
                }
                error={!isWeight(draft.weights[criterion] ?? '')}
                slotProps={{ htmlInput: { min: 0, step: 'any' } }}
              />
            ))}
          </Stack>
          {criteria.length === 0 && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('carnet.allocation.noCriteria')}
            </Alert>
          )}
          <Stack direction="row" spacing={1}>
            <Button
              label="carnet.allocation.preview"
              type="submit"
              variant="outlined"
              disabled={!request || pending}
            >
              <PreviewIcon />
            </Button>
            <Button
              label="carnet.allocation.commit"
              variant="contained"
              disabled={!previewIsCurrent || pending}
              onClick={() => void run(false)}
            >
              <CheckIcon />
            </Button>
          </Stack>
        </form>
        {refusal && (
          <Alert severity="error" sx={{ mt: 2 }} onClose={() => setRefusal(undefined)}>
            {refusal}
          </Alert>
        )}
        {preview && (
          <Box sx={{ mt: 3 }} data-testid="allocation-preview">
            <Typography variant="subtitle1" gutterBottom>
              {translate('carnet.allocation.previewTitle', {
                total: formatCount(preview.result.totals.total),
                value: formatCents(preview.result.totals.valueCents),
              })}
            </Typography>
            {!previewIsCurrent && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                {translate('carnet.allocation.previewOutdated')}
              </Alert>
            )}
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
                gap: 3,
              }}
            >
              <AllocationTable
                lines={preview.result.lines}
                totals={preview.result.totals}
                totalChange={totalChange}
                showChange
              />
              <AllocationBars lines={preview.result.lines} />
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
