import type { Schemas } from '@carnet/api-client';
import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useDelete,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
} from 'react-admin';

type ApiClient = Schemas['ApiClientResponseDto'];

/** DELETE /api-clients/{id} revokes the client; the record stays, with its revocation date. */
export const RevokeButton = () => {
  const record = useRecordContext<ApiClient>();
  const resource = useResourceContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [revoke, { isPending }] = useDelete<ApiClient>();

  if (!record || record.revokedAt) return null;

  const confirm = () =>
    revoke(
      resource,
      { id: record.id, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify('carnet.apiClients.revokedNotice', { type: 'info' });
          refresh();
        },
        onError: (error) => {
          setOpen(false);
          notify(error instanceof Error ? error.message : 'ra.notification.http_error', {
            type: 'error',
          });
        },
      },
    );

  return (
    <>
      <Button
        label="carnet.apiClients.revoke"
        color="error"
        onClick={() => setOpen(true)}
        disabled={isPending}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="carnet.apiClients.revokeTitle"
        titleTranslateOptions={{ name: record.name }}
        content="carnet.apiClients.revokeContent"
        confirm="carnet.apiClients.revoke"
        confirmColor="warning"
        onConfirm={() => void confirm()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
