import type { Schemas } from '@carnet/api-client';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';

import { Actor, sentenceWith } from '../actors';
import { formatDateTime } from '../dates';
import { usePhone } from '../phone';
import { holderLabel } from './holders';

type Movement = Schemas['MovementDto'];

/**
 * The ledger's note in French when the API wrote it: a write-off notes the cancellation reason
 * (LOST…), a replacement « replaces 42 ». Notes typed by people are shown as they are.
 */
function movementNote(translate: TranslateFunction, movement: Movement): string {
  const note = movement.note ?? '';
  if (movement.kind === 'WRITE_OFF') {
    return translate(`carnet.cancellationReasons.${note}`, { _: note });
  }
  const replaced = movement.kind === 'REPLACEMENT' ? /^replaces (\d+)$/.exec(note) : null;
  return replaced ? translate('carnet.events.replaces', { serial: replaced[1] }) : note;
}

/** The movement as a French sentence naming both ends and the person who made it. */
export function movementSentence(translate: TranslateFunction, movement: Movement): ReactNode {
  // An issuance is written by the worker's job; the API names the manager who asked for it.
  const issuedFor = movement.kind === 'ISSUE' && movement.actorName;
  return sentenceWith(
    translate,
    issuedFor ? 'carnet.events.moves.ISSUE_BY' : `carnet.events.moves.${movement.kind}`,
    {
      from: holderLabel(translate, movement.from),
      to: holderLabel(translate, movement.to),
      day: new Date(movement.createdAt).toLocaleDateString('fr-FR'),
    },
    issuedFor ? (
      <>{movement.actorName}</>
    ) : (
      <Actor label={movement.actorLabel} name={movement.actorName} />
    ),
  );
}

/**
 * A carnet's custody ledger, oldest first: issuance, transfers, returns, write-off…, each a
 * sentence (« Transféré de Lens à CCAS de Lens par Julien Caron »). On a phone, one line per
 * movement: the sentence, its note, then when.
 */
export const MovementsTable = ({ movements }: { movements: readonly Movement[] }) => {
  const translate = useTranslate();
  const phone = usePhone();
  if (movements.length === 0) {
    return <Typography variant="body2">{translate('carnet.carnets.noMovement')}</Typography>;
  }
  if (phone) {
    return (
      <Table size="small" aria-label={translate('carnet.carnets.movements')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('carnet.carnets.kind')}</TableCell>
            <TableCell>{translate('carnet.carnets.date')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {movements.map((movement) => (
            <TableRow key={movement.id} data-testid="movement">
              <TableCell>
                {movementSentence(translate, movement)}
                {movement.note && (
                  <Typography variant="caption" color="textSecondary" component="div">
                    {movementNote(translate, movement)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{formatDateTime(movement.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Table size="small" aria-label={translate('carnet.carnets.movements')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('carnet.carnets.date')}</TableCell>
          <TableCell>{translate('carnet.carnets.kind')}</TableCell>
          <TableCell>{translate('carnet.carnets.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {movements.map((movement) => (
          <TableRow key={movement.id} data-testid="movement">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(movement.createdAt)}
            </TableCell>
            <TableCell>{movementSentence(translate, movement)}</TableCell>
            <TableCell>{movementNote(translate, movement)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
