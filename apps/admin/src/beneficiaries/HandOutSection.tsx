import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import BookIcon from '@mui/icons-material/MenuBook';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useCanAccess, useNotify, usePermissions, useTranslate } from 'react-admin';

import { beneficiaryActions } from '../beneficiaryData';
import type { Role } from '../choices';
import { formatDateTime } from '../dates';
import { usePhone } from '../phone';
import { useNotifyError } from '../useNotifyError';
import { useDiagnostics } from './DiagnosticsSection';
import { HandOutDialog } from './HandOutDialog';
import { HandOutResult } from './HandOutResult';

/** A beneficiary's hand-outs, newest first (undone ones included). */
export const useHandOuts = (beneficiaryId: string) =>
  useQuery({
    queryKey: ['hand-outs', beneficiaryId],
    queryFn: () => beneficiaryActions.listHandOuts(beneficiaryId),
  });

const JUSTIFICATION_MIN = 10;
const JUSTIFICATION_MAX = 500;

/** A programme manager allows one more carnet for the household, with a written reason. */
const GrantExceptionDialog = ({
  beneficiaryId,
  onClose,
}: {
  beneficiaryId: string;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const phone = usePhone();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [justification, setJustification] = useState('');
  const grant = useMutation({
    mutationFn: () =>
      beneficiaryActions.grantHouseholdException(beneficiaryId, {
        justification: justification.trim(),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['household-exceptions', beneficiaryId] });
      notify('carnet.exceptions.granted', { type: 'success' });
      onClose();
    },
    onError: notifyError,
  });
  const tooShort = justification.trim().length < JUSTIFICATION_MIN;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooShort) grant.mutate();
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <form onSubmit={submit}>
        <DialogTitle>{translate('carnet.exceptions.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">{translate('carnet.exceptions.help')}</Typography>
            <Alert severity="warning">{translate('carnet.exceptions.noSensitiveData')}</Alert>
            <TextField
              label={translate('carnet.exceptions.justification')}
              value={justification}
              onChange={(event) => setJustification(event.target.value.slice(0, JUSTIFICATION_MAX))}
              multiline
              minRows={3}
              required
              fullWidth
              helperText={translate('carnet.exceptions.length', {
                count: justification.length,
                min: JUSTIFICATION_MIN,
                max: JUSTIFICATION_MAX,
              })}
              slotProps={{ htmlInput: { maxLength: JUSTIFICATION_MAX } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} sx={{ minHeight: 44 }}>
            {translate('ra.action.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={tooShort || grant.isPending}
            sx={{ minHeight: 44 }}
          >
            {translate('carnet.exceptions.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};

/** The household's permissions for one more carnet; a manager grants them here. */
const HouseholdExceptions = ({ beneficiaryId }: { beneficiaryId: string }) => {
  const translate = useTranslate();
  const [granting, setGranting] = useState(false);
  const { canAccess } = useCanAccess({
    resource: 'beneficiaries',
    action: 'householdException',
  });
  const exceptions = useQuery({
    queryKey: ['household-exceptions', beneficiaryId],
    queryFn: () => beneficiaryActions.listHouseholdExceptions(beneficiaryId),
  });
  if (!canAccess && !exceptions.data?.length) return null;
  return (
    <Box sx={{ mt: 2 }}>
      {exceptions.data?.map((exception) => (
        <Alert key={exception.id} severity="info" sx={{ mb: 1 }}>
          {translate(exception.usedAt ? 'carnet.exceptions.used' : 'carnet.exceptions.available', {
            name: exception.grantedByName,
            date: formatDateTime(exception.grantedAt),
          })}
          <Box component="span" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
            « {exception.justification} »
          </Box>
        </Alert>
      ))}
      {canAccess && (
        <>
          <Button onClick={() => setGranting(true)} sx={{ minHeight: 44 }}>
            {translate('carnet.exceptions.button')}
          </Button>
          {granting && (
            <GrantExceptionDialog
              beneficiaryId={beneficiaryId}
              onClose={() => setGranting(false)}
            />
          )}
        </>
      )}
    </Box>
  );
};

/**
 * The carnet part of a beneficiary's page: what was handed out (and « Annuler la remise » while
 * allowed), « Remettre un carnet » for the structure's agents once a diagnostic exists, and the
 * household's permissions for one more carnet.
 */
export const HandOutSection = ({ beneficiaryId }: { beneficiaryId: string }) => {
  const translate = useTranslate();
  const { permissions } = usePermissions<Role>();
  const [open, setOpen] = useState(false);
  const handOuts = useHandOuts(beneficiaryId);
  const diagnostics = useDiagnostics(beneficiaryId);
  const agent = permissions === 'PRESCRIBER_AGENT';
  const active = handOuts.data?.some((h) => h.status === 'ACTIVE') ?? false;
  const diagnosed = (diagnostics.data?.length ?? 0) > 0;
  return (
    <Box component="section" aria-labelledby="hand-out-title">
      <Typography id="hand-out-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate('carnet.handOut.section')}
      </Typography>
      {handOuts.error && <Alert severity="error">{handOuts.error.message}</Alert>}
      {handOuts.data?.length === 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('carnet.handOut.none')}
        </Typography>
      )}
      <Stack spacing={1}>
        {handOuts.data?.map((handOut) => (
          <Card key={`${handOut.id}-${handOut.status}`} variant="outlined">
            <CardContent>
              <HandOutResult beneficiaryId={beneficiaryId} handOut={handOut} />
            </CardContent>
          </Card>
        ))}
      </Stack>
      {agent && diagnostics.data && (
        <>
          {!diagnosed && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('carnet.handOut.diagnoseFirst')}
            </Typography>
          )}
          <Button
            variant={active ? 'outlined' : 'contained'}
            startIcon={<BookIcon />}
            onClick={() => setOpen(true)}
            disabled={!diagnosed}
            sx={{ mt: 1, minHeight: 44 }}
          >
            {translate('carnet.handOut.button')}
          </Button>
          {open && (
            <HandOutDialog
              beneficiaryId={beneficiaryId}
              diagnostics={diagnostics.data}
              onClose={() => setOpen(false)}
            />
          )}
        </>
      )}
      <HouseholdExceptions beneficiaryId={beneficiaryId} />
    </Box>
  );
};
