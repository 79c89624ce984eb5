import type { Schemas } from '@carnet/api-client';
import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatDateTime } from '../dates';
import { describeEvent } from './events';

type AuditEvent = Schemas['AuditEventResponseDto'];

/** The cheque's life from the audit log, oldest first: its run, its carnet's moves, its end. */
export const ChequeHistory = ({ events }: { events: readonly AuditEvent[] }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="h6" gutterBottom>
        {translate('carnet.chequeCheck.history')}
      </Typography>
      {events.length === 0 ? (
        <Typography variant="body2">{translate('carnet.chequeCheck.noHistory')}</Typography>
      ) : (
        <List dense aria-label={translate('carnet.chequeCheck.history')}>
          {events.map((event) => {
            const detail = describeEvent(translate, event);
            return (
              <ListItem
                key={event.id}
                data-testid="cheque-event"
                sx={{ borderLeft: 2, borderColor: 'primary.light', ml: 1, mb: 0.5 }}
              >
                <ListItemText
                  primary={
                    detail
                      ? `${translate(`carnet.auditActions.${event.action}`, { _: event.action })} — ${detail}`
                      : translate(`carnet.auditActions.${event.action}`, { _: event.action })
                  }
                  secondary={`${formatDateTime(event.occurredAt)} · ${translate(
                    'carnet.events.by',
                    { actor: event.actorLabel },
                  )}`}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </Box>
  );
};
