import type { Schemas } from '@carnet/api-client';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

type ApiClientCreated = Schemas['ApiClientCreatedResponseDto'];

const CopyableValue = ({ label, value }: { label: string; value: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => notify('carnet.apiClients.copied', { type: 'info' }),
      () => notify('carnet.apiClients.copyFailed', { type: 'warning' }),
    );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        label={translate(label)}
        value={value}
        fullWidth
        slotProps={{
          htmlInput: { readOnly: true, spellCheck: false, sx: { fontFamily: 'monospace' } },
        }}
        onFocus={(event) => event.target.select()}
      />
      <Tooltip title={translate('carnet.apiClients.copy')}>
        <IconButton aria-label={translate('carnet.apiClients.copy')} onClick={() => void copy()}>
          <ContentCopyIcon />
        </IconButton>
      </Tooltip>
    </Stack>
  );
};

/**
 * Shows the client secret, which only the creation answer contains: this is the one chance to
 * copy it. The dialog has no onClose, so neither a stray click nor Escape dismisses it.
 */
export const SecretDialog = ({
  created,
  onClose,
}: {
  created: ApiClientCreated | undefined;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  return (
    <Dialog open={created !== undefined} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('carnet.apiClients.createdTitle')}</DialogTitle>
      {created && (
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="warning">{translate('carnet.apiClients.secretWarning')}</Alert>
            <CopyableValue label="resources.api-clients.fields.clientId" value={created.clientId} />
            <CopyableValue
              label="resources.api-clients.fields.clientSecret"
              value={created.clientSecret}
            />
          </Stack>
        </DialogContent>
      )}
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('carnet.apiClients.secretCopied')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
