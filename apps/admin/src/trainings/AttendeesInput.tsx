import type { Schemas } from '@carnet/api-client';
import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  AutocompleteInput,
  Labeled,
  ReferenceInput,
  useInput,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';

import type { Role } from '../choices';
import { useMyCommunes } from '../homes/homeData';
import { type Agent, prescriberActions } from '../prescriberData';

type Training = Schemas['TrainingResponseDto'];

/** The form field that only chooses whose agents to list; never sent (see toTrainingDto). */
export const STRUCTURE_FIELD = 'attendeeStructureId';

const atLeastOne = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'ra.validation.required';

/** The active agents of the structure chosen, to tick those present. */
const AgentChoices = ({
  prescriberId,
  chosen,
  toggle,
}: {
  prescriberId: string;
  chosen: string[];
  toggle: (agent: Agent) => void;
}) => {
  const translate = useTranslate();
  const agents = useQuery({
    queryKey: ['agents', prescriberId],
    queryFn: () => prescriberActions.listAgents(prescriberId),
  });
  if (agents.error) return <Alert severity="error">{agents.error.message}</Alert>;
  if (!agents.data) return null;
  const active = agents.data.filter((a) => a.active);
  if (active.length === 0) {
    return <Typography variant="body2">{translate('carnet.trainings.noAgents')}</Typography>;
  }
  return (
    <FormGroup data-testid="training-agents">
      {active.map((agent) => (
        <FormControlLabel
          key={agent.id}
          sx={{ minHeight: 44 }}
          control={<Checkbox checked={chosen.includes(agent.id)} onChange={() => toggle(agent)} />}
          label={agent.displayName}
        />
      ))}
    </FormGroup>
  );
};

/**
 * The attendees of a training: pick a structure (a référent: of its commune), tick its agents
 * present, and again for another structure; those chosen show as chips. A référent editing a
 * training keeps the attendees of other communes it does not see (the API keeps them).
 */
export const AttendeesInput = () => {
  const translate = useTranslate();
  const record = useRecordContext<Training>();
  const { permissions } = usePermissions<Role>();
  const referent = permissions === 'COMMUNE_REFERENT';
  const communes = useMyCommunes(referent);
  const { field, fieldState } = useInput({
    source: 'attendeeIds',
    defaultValue: record?.attendees.map((a) => a.userId) ?? [],
    validate: atLeastOne,
  });
  const chosen = (field.value as string[] | undefined) ?? [];
  const structureId = useWatch({ name: STRUCTURE_FIELD }) as string | undefined;
  const [named, setNamed] = useState<Record<string, string>>({});
  const names = useMemo(
    () => ({
      ...Object.fromEntries((record?.attendees ?? []).map((a) => [a.userId, a.displayName])),
      ...named,
    }),
    [record, named],
  );
  const toggle = (agent: Agent) => {
    setNamed((known) => ({ ...known, [agent.id]: agent.displayName }));
    field.onChange(
      chosen.includes(agent.id) ? chosen.filter((id) => id !== agent.id) : [...chosen, agent.id],
    );
  };
  const hidden = record ? record.attendeeCount - record.attendees.length : 0;
  // A référent manages its own commune's structures only (another commune's agents are not its).
  const filter = referent ? { inseeCode: communes.data?.[0]?.inseeCode } : {};

  return (
    <Labeled label="carnet.trainings.attendees" fullWidth>
      <Box sx={{ maxWidth: 640 }}>
        <Box
          sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, my: 1 }}
          data-testid="training-attendees"
        >
          {chosen.length === 0 && (
            <Typography variant="body2">{translate('carnet.trainings.noneChosen')}</Typography>
          )}
          {chosen.length > 0 && (
            <List dense disablePadding sx={{ width: '100%' }}>
              {chosen.map((id) => (
                <ListItem
                  key={id}
                  divider
                  data-testid="training-attendee"
                  secondaryAction={
                    <IconButton
                      edge="end"
                      aria-label={translate('carnet.trainings.remove', { name: names[id] ?? '' })}
                      onClick={() => field.onChange(chosen.filter((other) => other !== id))}
                      sx={{ width: 44, height: 44 }}
                    >
                      <CloseIcon />
                    </IconButton>
                  }
                >
                  <ListItemText primary={names[id] ?? '…'} />
                </ListItem>
              ))}
            </List>
          )}
          {hidden > 0 && (
            <Typography variant="body2">
              {translate('carnet.trainings.otherAttendees', { smart_count: hidden })}
            </Typography>
          )}
        </Box>
        {fieldState.invalid && (
          <FormHelperText error>{translate('ra.validation.required')}</FormHelperText>
        )}
        {(!referent || communes.data) && (
          <ReferenceInput
            source={STRUCTURE_FIELD}
            reference="prescribers"
            filter={filter}
            sort={{ field: 'name', order: 'ASC' }}
          >
            <AutocompleteInput
              label="carnet.trainings.structure"
              optionText="name"
              filterToQuery={(q: string) => ({ q })}
              noOptionsText="ra.navigation.no_results"
              helperText="carnet.trainings.attendeesHelp"
              fullWidth
            />
          </ReferenceInput>
        )}
        {structureId && <AgentChoices prescriberId={structureId} chosen={chosen} toggle={toggle} />}
      </Box>
    </Labeled>
  );
};
