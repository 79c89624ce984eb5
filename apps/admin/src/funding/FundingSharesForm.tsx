import type { Schemas } from '@carnet/api-client';
import SaveIcon from '@mui/icons-material/Save';
import { Alert, Stack, Typography } from '@mui/material';
import {
  ArrayInput,
  Form,
  FormDataConsumer,
  maxValue,
  minValue,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleFormIterator,
  useNotify,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';

import {
  basisPointsToPercent,
  formatBasisPoints,
  formatCents,
  percentToBasisPoints,
} from '../money';
import type { ProgrammeParts } from '../programmeData';
import { useNotifyError } from '../useNotifyError';
import { Button } from '../Button';

type FundingShares = ProgrammeParts['funding-shares'];

interface ShareRow {
  funderId?: string;
  /** Percent with up to two decimals, e.g. 65 or 14.5. */
  percent?: number | null;
}
interface SharesForm extends Record<string, unknown> {
  shares: ShareRow[];
}

const TOTAL = 10_000;

const twoDecimals = (value: unknown) =>
  typeof value === 'number' && Math.abs(value * 100 - Math.round(value * 100)) > 1e-6
    ? 'carnet.shares.twoDecimals'
    : undefined;
const percentValidators = [required(), minValue(0.01), maxValue(100), twoDecimals];

const rowsBasisPoints = (rows: ShareRow[] | undefined) =>
  (rows ?? []).reduce((sum, row) => sum + percentToBasisPoints(row.percent ?? 0), 0);

function duplicateFunders(rows: ShareRow[] | undefined): boolean {
  const ids = (rows ?? []).map((row) => row.funderId).filter(Boolean);
  return new Set(ids).size !== ids.length;
}

/** The live total: the form can only be saved at exactly 100 %. */
const SharesTotal = ({ rows, budgetCents }: { rows: ShareRow[]; budgetCents: number }) => {
  const translate = useTranslate();
  const total = rowsBasisPoints(rows);
  const complete = total === TOTAL;
  return (
    <Stack spacing={1}>
      <Typography
        variant="subtitle1"
        sx={{ color: complete ? 'success.main' : 'error.main' }}
        data-testid="shares-total"
      >
        {translate('carnet.shares.liveTotal', { total: formatBasisPoints(total) })}
        {!complete &&
          ` — ${translate(total < TOTAL ? 'carnet.shares.missing' : 'carnet.shares.excess', {
            gap: formatBasisPoints(Math.abs(TOTAL - total)),
          })}`}
      </Typography>
      {complete && (
        <Typography variant="body2" color="textSecondary">
          {translate('carnet.shares.budgetSplit', { budget: formatCents(budgetCents) })}
        </Typography>
      )}
      {duplicateFunders(rows) && (
        <Alert severity="error">{translate('carnet.shares.duplicate')}</Alert>
      )}
    </Stack>
  );
};

const SubmitButton = ({ rows, disabled }: { rows: ShareRow[]; disabled: boolean }) => {
  const valid = rowsBasisPoints(rows) === TOTAL && !duplicateFunders(rows);
  return (
    <Button label="ra.action.save" type="submit" variant="contained" disabled={disabled || !valid}>
      <SaveIcon />
    </Button>
  );
};

/** Edits the funders' shares in percent; the API stores basis points (65 % = 6500). */
export const FundingSharesForm = ({
  shares,
  budgetCents,
  onDone,
}: {
  shares: FundingShares;
  budgetCents: number;
  onDone: () => void;
}) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const [update, { isPending }] = useUpdate();

  const defaultValues: SharesForm = {
    shares: shares.shares.map((share) => ({
      funderId: share.funderId,
      percent: basisPointsToPercent(share.basisPoints),
    })),
  };

  const save = ({ shares: rows = [] }: Partial<SharesForm>) => {
    const body: Schemas['SetFundingSharesDto'] = {
      shares: rows.map((row) => ({
        funderId: row.funderId ?? '',
        basisPoints: percentToBasisPoints(row.percent ?? 0),
      })),
    };
    void update(
      'funding-shares',
      { id: shares.id, data: body, previousData: shares },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          notify('carnet.shares.saved', { type: 'success' });
          onDone();
          // The budget per funder follows the shares.
          refresh();
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Form defaultValues={defaultValues} onSubmit={save}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <ArrayInput source="shares" label={false}>
          <SimpleFormIterator inline disableReordering disableClear>
            <ReferenceInput
              source="funderId"
              reference="funders"
              sort={{ field: 'name', order: 'ASC' }}
              perPage={200}
            >
              <SelectInput
                optionText="name"
                label="carnet.shares.funder"
                validate={required()}
                sx={{ minWidth: 320 }}
              />
            </ReferenceInput>
            <NumberInput
              source="percent"
              label="carnet.shares.percent"
              step={0.01}
              min={0}
              max={100}
              validate={percentValidators}
            />
          </SimpleFormIterator>
        </ArrayInput>
        <FormDataConsumer<SharesForm>>
          {({ formData }) => (
            <>
              <SharesTotal rows={formData.shares} budgetCents={budgetCents} />
              <Stack direction="row" spacing={1}>
                <SubmitButton rows={formData.shares} disabled={isPending} />
                <Button label="ra.action.cancel" onClick={onDone} disabled={isPending} />
              </Stack>
            </>
          )}
        </FormDataConsumer>
      </Stack>
    </Form>
  );
};
