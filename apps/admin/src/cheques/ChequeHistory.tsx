import type { Schemas } from '@carnet/api-client';
import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';

import { Actor, sentenceWith } from '../actors';
import { formatDateTime } from '../dates';
import { auditHolder, describeEvent } from './events';

type AuditEvent = Schemas['AuditEventResponseDto'];

/** The carnet's moves, said as the ledger says them (« Transféré de Lens à CCAS de Lens par … »). */
const MOVES: Record<string, string> = {
  'carnet.transfer': 'TRANSFER',
  'carnet.return': 'RETURN',
  'carnet.hand-out': 'HAND_OUT',
  'carnet.hand-back': 'HAND_BACK',
  'carnet.write-off': 'WRITE_OFF',
  'carnet.replacement': 'REPLACEMENT',
};

/**
 * The event in a French sentence: a move names both ends and the person; any other, its label
 * and what it changed. Never the action's code: an action without a label is « Autre événement ».
 */
function eventSentence(translate: TranslateFunction, event: AuditEvent): ReactNode {
  const actor = <Actor label={event.actorLabel} name={event.actorName} />;
  const move = MOVES[event.action];
  if (move) {
    return sentenceWith(
      translate,
      `carnet.events.moves.${move}`,
      {
        from: auditHolder(translate, event.before?.holder),
        to: auditHolder(translate, event.after?.holder),
      },
      actor,
    );
  }
  const label = translate(`carnet.auditActions.${event.action}`, {
    _: translate('carnet.events.other'),
  });
  const detail = describeEvent(translate, event);
  return (
    <>
      {detail ? `${label} — ${detail}` : label},{' '}
      {sentenceWith(translate, 'carnet.events.by', {}, actor)}
    </>
  );
}

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
          {events.map((event) => (
            <ListItem
              key={event.id}
              data-testid="cheque-event"
              sx={{ borderLeft: 2, borderColor: 'primary.light', ml: 1, mb: 0.5 }}
            >
              <ListItemText
                primary={eventSentence(translate, event)}
                secondary={formatDateTime(event.occurredAt)}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
};
