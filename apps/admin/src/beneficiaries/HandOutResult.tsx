import { Alert, Box, Button, Typography } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, usePermissions, useTranslate } from 'react-admin';

import { beneficiaryActions, type HandOut } from '../beneficiaryData';
import type { Role } from '../choices';
import { formatDateTime, formatLongDay } from '../dates';
import { formatCents } from '../money';
import { useNotifyError } from '../useNotifyError';
import { formatCarnetSerial } from './scanning';

/** Whether the structure may still undo it: ACTIVE and within its 24 h (the API also checks no cheque is used). */
export const isUndoable = (handOut: HandOut, now = Date.now()): boolean =>
  handOut.status === 'ACTIVE' && new Date(handOut.undoableUntil).getTime() > now;

/** A carnet handed out: serial, cheques, value, validity, and « Annuler la remise » while allowed. */
export const HandOutResult = ({
  beneficiaryId,
  handOut,
}: {
  beneficiaryId: string;
  handOut: HandOut;
}) => {
  const translate = useTranslate();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<Role>();
  const [confirming, setConfirming] = useState(false);
  const [current, setCurrent] = useState(handOut);
  const undo = useMutation({
    mutationFn: () => beneficiaryActions.undoHandOut(beneficiaryId, current.carnetId),
    onSuccess: (undone) => setCurrent(undone),
    onError: notifyError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['hand-outs', beneficiaryId] }),
  });
  const undone = current.status === 'UNDONE';
  return (
    <Box data-testid="hand-out">
      <Typography variant="subtitle1" component="p" sx={{ fontWeight: 'bold' }}>
        {translate(undone ? 'carnet.handOut.undoneSerial' : 'carnet.handOut.serialIs', {
          serial: formatCarnetSerial(current.carnetSerial),
        })}
      </Typography>
      <Typography variant="body2">
        {translate('carnet.handOut.worth', {
          smart_count: current.cheques,
          value: formatCents(current.valueCents),
        })}
      </Typography>
      {current.validUntil && (
        <Typography variant="body2">
          {translate('carnet.handOut.validUntil', { day: formatLongDay(current.validUntil) })}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {translate('carnet.handOut.by', {
          agent: current.agentName,
          structure: current.prescriberName,
          date: formatDateTime(current.createdAt),
        })}
      </Typography>
      {undone && current.undoneAt && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('carnet.handOut.undoneOn', { date: formatDateTime(current.undoneAt) })}
        </Alert>
      )}
      {permissions === 'PRESCRIBER_AGENT' && isUndoable(current) && (
        <>
          <Button
            startIcon={<UndoIcon />}
            color="error"
            onClick={() => setConfirming(true)}
            disabled={undo.isPending}
            sx={{ mt: 1, minHeight: 44 }}
          >
            {translate('carnet.handOut.undo')}
          </Button>
          <Typography variant="caption" component="p" color="textSecondary">
            {translate('carnet.handOut.undoUntil', {
              date: formatDateTime(current.undoableUntil),
            })}
          </Typography>
          <Confirm
            isOpen={confirming}
            title="carnet.handOut.undoTitle"
            content="carnet.handOut.undoContent"
            translateOptions={{ serial: formatCarnetSerial(current.carnetSerial) }}
            confirm="carnet.handOut.undo"
            onConfirm={() => {
              setConfirming(false);
              undo.mutate();
            }}
            onClose={() => setConfirming(false)}
          />
        </>
      )}
    </Box>
  );
};
