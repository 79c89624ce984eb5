import type { Schemas } from '@carnet/api-client';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Form,
  HttpError,
  minValue,
  NumberInput,
  number,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  TextInput,
  useDataProvider,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';

import type { HolderKind, Role } from '../choices';
import { CommuneInput } from '../communes/CommuneInput';
import type { CarnetDataProvider } from '../dataProvider';
import { formatCount } from '../money';
import { transferDestinations } from './destinations';
import { holderLabel } from './holders';
import { usePhone } from '../phone';
import { Button } from '../Button';

type Carnet = Schemas['CarnetResponseDto'];
type Prescriber = Schemas['PrescriberResponseDto'];
type Transfer = Schemas['TransferResponseDto'];

/** What to move: one carnet, the carnets ticked in the list, or a range of serials. */
export type TransferSelection =
  | { kind: 'one'; carnet: Carnet }
  | { kind: 'ids'; carnetIds: string[] }
  | { kind: 'range'; serialFrom?: number; serialTo?: number };

interface TransferForm extends Record<string, unknown> {
  serialFrom?: number;
  serialTo?: number;
  to?: { kind?: HolderKind; inseeCode?: string; prescriberId?: string };
  note?: string;
}

interface Refusal {
  message: string;
  /** The serials that stopped the transfer (CARNET_NOT_HELD), as ranges. */
  serials: string[];
  /** Where the carnets are, in French, when the caller may know it. */
  where?: string;
}

/**
 * The refusal to show in the dialog. The API names the carnets that stopped a transfer in its
 * field errors ("held elsewhere: 12-15"): only their serial ranges are kept, the words are English.
 */
function refusalOf(error: unknown, fallback: string): Refusal {
  const message = error instanceof Error && error.message ? error.message : fallback;
  if (!(error instanceof HttpError)) return { message, serials: [] };
  const body = error.body as
    | { code?: string; errors?: Record<string, unknown>; detail?: string; heldBy?: unknown }
    | undefined;
  if (body?.code !== 'CARNET_NOT_HELD') return { message, serials: [] };
  // Where the carnets are (« 5 carnets sont chez CCAS de Lens »): the API's French detail, sent
  // with `heldBy` to whoever may know it.
  const where = Array.isArray(body.heldBy) ? body.detail : undefined;
  const serials = Object.entries(body.errors ?? {}).flatMap(([field, text]) =>
    field !== 'root' && typeof text === 'string'
      ? (text.match(/\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*/g) ?? [])
      : [],
  );
  return { message, serials, where };
}

const prescriberOption = (prescriber: Prescriber) =>
  prescriber.communeName ? `${prescriber.name} (${prescriber.communeName})` : prescriber.name;

/** The commune or the structure to send to, depending on the destination chosen. */
const RecipientInput = ({
  from,
  role,
}: {
  from: Schemas['HolderDto'] | null | undefined;
  role: Role | undefined;
}) => {
  const kind = useWatch<TransferForm, 'to.kind'>({ name: 'to.kind' });
  // A prescriber returns carnets to its own commune: the API knows which.
  if (kind === 'COMMUNE' && role !== 'PRESCRIBER_AGENT' && from?.kind !== 'PRESCRIBER') {
    return <CommuneInput source="to.inseeCode" label="carnet.transfers.commune" />;
  }
  if (kind === 'PRESCRIBER') {
    return (
      <ReferenceInput
        source="to.prescriberId"
        reference="prescribers"
        sort={{ field: 'name', order: 'ASC' }}
        // A commune supplies the structures of its own territory only.
        filter={from?.kind === 'COMMUNE' && from.inseeCode ? { inseeCode: from.inseeCode } : {}}
      >
        <AutocompleteInput
          optionText={prescriberOption}
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          noOptionsText="ra.navigation.no_results"
          label="carnet.transfers.prescriber"
        />
      </ReferenceInput>
    );
  }
  return null;
};

/**
 * Moves carnets to another holder: a commune, a prescriber, or back up the chain. All or
 * nothing: a refusal (a carnet held elsewhere, an allocation exceeded…) stays shown in the
 * dialog, in French, with the serials at fault.
 */
export const TransferDialog = ({
  selection,
  onClose,
  onDone,
}: {
  selection: TransferSelection;
  onClose: () => void;
  onDone?: (transfer: Transfer) => void;
}) => {
  const phone = usePhone();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CarnetDataProvider>();
  const { permissions: role } = usePermissions<Role>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [pending, setPending] = useState(false);

  const from = selection.kind === 'one' ? selection.carnet.holder : undefined;
  const kinds = transferDestinations(role, from?.kind);
  const choices = kinds.map((kind) => ({
    id: kind,
    name:
      kind === 'COMMUNE' && (role === 'PRESCRIBER_AGENT' || from?.kind === 'PRESCRIBER')
        ? 'carnet.transfers.returnToCommune'
        : `carnet.transfers.destinations.${kind}`,
  }));

  const submit = async (values: TransferForm) => {
    const kind = values.to?.kind;
    if (!kind) return;
    const to: Schemas['HolderRefDto'] = {
      kind,
      ...(kind === 'COMMUNE' && values.to?.inseeCode ? { inseeCode: values.to.inseeCode } : {}),
      ...(kind === 'PRESCRIBER' ? { prescriberId: values.to?.prescriberId } : {}),
    };
    const note = values.note?.trim() || undefined;
    setPending(true);
    setRefusal(undefined);
    try {
      const transfer =
        selection.kind === 'one'
          ? await dataProvider.transferCarnet(selection.carnet.id, { to, note })
          : await dataProvider.transferCarnets(
              selection.kind === 'ids'
                ? { carnetIds: selection.carnetIds, to, note }
                : { serialFrom: values.serialFrom, serialTo: values.serialTo, to, note },
            );
      notify(transfer.kind === 'RETURN' ? 'carnet.transfers.returned' : 'carnet.transfers.done', {
        type: 'success',
        messageArgs: {
          smart_count: transfer.count,
          count: formatCount(transfer.count),
          serials: transfer.serials,
          to: holderLabel(translate, transfer.to),
        },
      });
      onDone?.(transfer);
      onClose();
      refresh();
    } catch (error) {
      // Shown once, in the dialog, where it stays while the selection is changed.
      setRefusal(refusalOf(error, translate('ra.notification.http_error')));
    } finally {
      setPending(false);
    }
  };

  const title =
    selection.kind === 'one'
      ? translate('carnet.transfers.title', { serial: selection.carnet.serial })
      : selection.kind === 'ids'
        ? translate('carnet.transfers.selectionTitle', {
            smart_count: selection.carnetIds.length,
            count: formatCount(selection.carnetIds.length),
          })
        : translate('carnet.transfers.rangeTitle');

  const defaultValues: TransferForm = {
    serialFrom: selection.kind === 'range' ? selection.serialFrom : undefined,
    serialTo: selection.kind === 'range' ? selection.serialTo : undefined,
    to: { kind: kinds[0] },
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <Form defaultValues={defaultValues} onSubmit={submit} resource="carnets">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack sx={{ pt: 1 }}>
            {from && (
              <Typography variant="body2" color="textSecondary" gutterBottom>
                {translate('carnet.transfers.from', { holder: holderLabel(translate, from) })}
              </Typography>
            )}
            {selection.kind === 'range' && (
              <>
                <Typography variant="body2" color="textSecondary" gutterBottom>
                  {translate('carnet.transfers.rangeHelp')}
                </Typography>
                <Stack direction="row" spacing={2}>
                  <NumberInput
                    source="serialFrom"
                    label="carnet.transfers.serialFrom"
                    validate={[required(), number(), minValue(1)]}
                    min={1}
                    step={1}
                  />
                  <NumberInput
                    source="serialTo"
                    label="carnet.transfers.serialTo"
                    validate={[required(), number(), minValue(1)]}
                    min={1}
                    step={1}
                  />
                </Stack>
              </>
            )}
            {choices.length === 0 ? (
              <Alert severity="info">{translate('carnet.transfers.noDestination')}</Alert>
            ) : (
              <>
                <RadioButtonGroupInput
                  source="to.kind"
                  label="carnet.transfers.destination"
                  choices={choices}
                  row={false}
                  validate={required()}
                />
                <RecipientInput from={from} role={role} />
                <TextInput source="note" label="carnet.transfers.note" multiline />
              </>
            )}
            {refusal && (
              <Alert severity="error" data-testid="transfer-refusal">
                {refusal.message}
                {refusal.where && (
                  <Typography variant="body2" sx={{ mt: 1 }} data-testid="transfer-where">
                    {refusal.where}
                  </Typography>
                )}
                {refusal.serials.length > 0 && (
                  <Typography variant="body2" sx={{ mt: 1 }}>
                    {translate('carnet.transfers.serials', { serials: refusal.serials.join(', ') })}
                  </Typography>
                )}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button
            label="carnet.transfers.submit"
            type="submit"
            variant="contained"
            disabled={pending || choices.length === 0}
          >
            <SwapHorizIcon />
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
