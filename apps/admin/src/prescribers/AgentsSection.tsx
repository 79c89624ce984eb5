import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  email,
  Form,
  Labeled,
  minLength,
  PasswordInput,
  required,
  TextInput,
  useCanAccess,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';

import { usePhone } from '../phone';
import { type Agent, prescriberActions } from '../prescriberData';
import { useNotifyError } from '../useNotifyError';

type Invite = { displayName: string; email: string; password?: string };

/**
 * The dialog that creates an agent's account: name and e-mail; the agent receives an invitation
 * e-mail to choose their password (or, if one is typed here, the inviter hands it over).
 */
const InviteDialog = ({ prescriberId, onClose }: { prescriberId: string; onClose: () => void }) => {
  const translate = useTranslate();
  const phone = usePhone();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: (data: Invite) =>
      prescriberActions.inviteAgent(prescriberId, {
        displayName: data.displayName.trim(),
        email: data.email.trim(),
        ...(data.password ? { password: data.password } : {}),
      }),
    onSuccess: async (_agent, data) => {
      await queryClient.invalidateQueries({ queryKey: ['agents', prescriberId] });
      notify(data.password ? 'carnet.agents.invited' : 'carnet.agents.invitationSent', {
        type: 'success',
        messageArgs: { email: data.email.trim() },
      });
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth fullScreen={phone}>
      <Form onSubmit={(data: Record<string, unknown>) => invite.mutate(data as Invite)}>
        <DialogTitle>{translate('carnet.agents.invite')}</DialogTitle>
        <DialogContent>
          <Stack sx={{ pt: 1 }}>
            <TextInput
              source="displayName"
              label="carnet.agents.name"
              validate={required()}
              fullWidth
            />
            <TextInput
              source="email"
              label="carnet.agents.email"
              type="email"
              validate={[required(), email()]}
              fullWidth
            />
            <PasswordInput
              source="password"
              label="carnet.agents.password"
              helperText="carnet.agents.passwordHelp"
              validate={minLength(12)}
              fullWidth
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={invite.isPending}
            startIcon={<PersonAddIcon />}
          >
            {translate('carnet.agents.submit')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const AgentLine = ({ prescriberId, agent }: { prescriberId: string; agent: Agent }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => prescriberActions.setAgentActive(prescriberId, agent.id, !agent.active),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['agents', prescriberId] }),
    onError: notifyError,
  });
  const resend = useMutation({
    mutationFn: () => prescriberActions.resendAgentInvitation(prescriberId, agent.id),
    onSuccess: () =>
      notify('carnet.agents.invitationSent', {
        type: 'success',
        messageArgs: { email: agent.email },
      }),
    onError: notifyError,
  });
  return (
    <ListItem
      divider
      data-testid="agent"
      secondaryAction={
        <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
          {agent.invitationPending && agent.active && (
            <Button
              onClick={() => resend.mutate()}
              disabled={resend.isPending}
              aria-label={translate('carnet.agents.resendWho', { name: agent.displayName })}
              sx={{ minHeight: 44 }}
            >
              {translate('carnet.agents.resend')}
            </Button>
          )}
          <Button
            onClick={() => toggle.mutate()}
            disabled={toggle.isPending}
            aria-label={translate(
              agent.active ? 'carnet.agents.disableWho' : 'carnet.agents.enableWho',
              { name: agent.displayName },
            )}
            sx={{ minHeight: 44 }}
          >
            {translate(agent.active ? 'carnet.agents.disable' : 'carnet.agents.enable')}
          </Button>
        </Box>
      }
      sx={{ pr: agent.invitationPending && agent.active ? 24 : 16 }}
    >
      <ListItemText
        primary={agent.displayName}
        secondary={
          <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}>
            {/* A long address wraps instead of running under the action button on a phone. */}
            <Box component="span" sx={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              {agent.email}
            </Box>
            <Chip
              size="small"
              component="span"
              label={translate(
                agent.trained ? 'carnet.agents.trained' : 'carnet.agents.notTrained',
              )}
              color={agent.trained ? 'success' : 'warning'}
            />
            {!agent.active && (
              <Chip size="small" component="span" label={translate('carnet.agents.disabled')} />
            )}
            {agent.invitationPending && (
              <Chip
                size="small"
                component="span"
                label={translate('carnet.agents.invitationPending')}
              />
            )}
          </Box>
        }
      />
    </ListItem>
  );
};

/**
 * The structure's agents, whether each has been trained, and the invitation of a new one: for
 * the programme team and the référents of the structure's commune.
 */
export const AgentsSection = () => {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const [inviting, setInviting] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'prescribers', action: 'agents' });
  const agents = useQuery({
    queryKey: ['agents', record?.id],
    queryFn: () => prescriberActions.listAgents(record!.id),
    enabled: canAccess === true && record !== undefined,
  });
  if (!canAccess || !record) return null;
  return (
    <Labeled label="carnet.agents.title" fullWidth>
      <Box>
        {agents.error && <Alert severity="error">{agents.error.message}</Alert>}
        {agents.data?.length === 0 && (
          <Typography variant="body2">{translate('carnet.agents.none')}</Typography>
        )}
        {agents.data && agents.data.length > 0 && (
          <List dense disablePadding sx={{ maxWidth: 640 }}>
            {agents.data.map((agent) => (
              <AgentLine key={agent.id} prescriberId={record.id} agent={agent} />
            ))}
          </List>
        )}
        <Button
          onClick={() => setInviting(true)}
          startIcon={<PersonAddIcon />}
          sx={{ mt: 1, minHeight: 44 }}
        >
          {translate('carnet.agents.invite')}
        </Button>
        {inviting && <InviteDialog prescriberId={record.id} onClose={() => setInviting(false)} />}
      </Box>
    </Labeled>
  );
};
