import type { Schemas } from '@carnet/api-client';
import SendIcon from '@mui/icons-material/Send';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';

import { api, unwrap } from '../http';
import { useNotifyError } from '../useNotifyError';

type User = Schemas['UserResponseDto'];

/** « Renvoyer l'invitation »: for a user who has not chosen a password yet (a new link). */
export const ResendInvitationButton = () => {
  const record = useRecordContext<User>();
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const refresh = useRefresh();
  const resend = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } })),
    onSuccess: (user) => {
      notify('carnet.users.invitationSent', {
        type: 'success',
        messageArgs: { email: user.email },
      });
      refresh();
    },
    onError: notifyError,
  });
  if (!record?.invitationPending || !record.active) return null;
  return (
    <Button
      onClick={(event) => {
        event.stopPropagation();
        resend.mutate(record.id);
      }}
      disabled={resend.isPending}
      startIcon={<SendIcon />}
      sx={{ minHeight: 44 }}
    >
      {translate('carnet.users.resendInvitation')}
    </Button>
  );
};
