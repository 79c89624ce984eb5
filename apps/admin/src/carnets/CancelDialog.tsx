import type { Schemas } from '@carnet/api-client';
import BlockIcon from '@mui/icons-material/Block';
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
import { Form, required, SelectInput, TextInput } from 'react-admin';

import { cancellationReasonChoices } from '../choices';
import { usePhone } from '../phone';
import { Button } from '../Button';

type CancelDto = Schemas['CancelDto'];

/**
 * Asks why a carnet or a cheque is cancelled (a reason is required, a comment is not) and hands
 * the answer to `onCancel`, which reports its own success or failure.
 */
export const CancelDialog = ({
  title,
  help,
  consequence,
  confirmLabel,
  onCancel,
  onClose,
}: {
  title: string;
  help: string;
  /** What the cancellation does, in a sentence with its figures (shown first, in a warning). */
  consequence: string;
  /** An i18n key. */
  confirmLabel: string;
  onCancel: (values: CancelDto) => Promise<void>;
  onClose: () => void;
}) => {
  const phone = usePhone();
  const [pending, setPending] = useState(false);

  const submit = async (values: Partial<CancelDto>) => {
    if (!values.reason) return;
    setPending(true);
    try {
      await onCancel({ reason: values.reason, comment: values.comment?.trim() || undefined });
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      fullScreen={phone}
      aria-labelledby="cancel-title"
    >
      <Form onSubmit={submit}>
        <DialogTitle id="cancel-title">{title}</DialogTitle>
        <DialogContent>
          <Stack sx={{ pt: 1 }}>
            <Alert severity="warning" data-testid="cancel-consequence" sx={{ mb: 2 }}>
              {consequence}
            </Alert>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              {help}
            </Typography>
            <SelectInput
              source="reason"
              label="carnet.cancellation.reason"
              choices={cancellationReasonChoices}
              validate={required()}
            />
            <TextInput source="comment" label="carnet.cancellation.comment" multiline />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={onClose} />
          <Button
            label={confirmLabel}
            type="submit"
            variant="contained"
            color="error"
            disabled={pending}
          >
            <BlockIcon />
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
