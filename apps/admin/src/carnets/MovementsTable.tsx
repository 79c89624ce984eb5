import type { Schemas } from '@carnet/api-client';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { type TranslateFunction, useTranslate } from 'react-admin';

import { formatDateTime } from '../dates';
import { usePhone } from '../phone';
import { HolderName, holderLabel } from './holders';

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

/**
 * A carnet's custody ledger, oldest first: issuance, transfers, returns, write-off… On a phone,
 * one line per movement: when and what, then from whom to whom, by whom.
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
            <TableRow key={movement.id}>
              <TableCell>
                {translate(`carnet.movementKinds.${movement.kind}`)}
                <Typography variant="caption" color="textSecondary" component="div">
                  {holderLabel(translate, movement.from)} → {holderLabel(translate, movement.to)}
                </Typography>
                <Typography variant="caption" color="textSecondary" component="div">
                  {[movement.actorLabel, movementNote(translate, movement)]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
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
          <TableCell>{translate('carnet.carnets.from')}</TableCell>
          <TableCell>{translate('carnet.carnets.to')}</TableCell>
          <TableCell>{translate('carnet.carnets.actor')}</TableCell>
          <TableCell>{translate('carnet.carnets.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {movements.map((movement) => (
          <TableRow key={movement.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(movement.createdAt)}
            </TableCell>
            <TableCell>{translate(`carnet.movementKinds.${movement.kind}`)}</TableCell>
            <TableCell>
              <HolderName holder={movement.from} />
            </TableCell>
            <TableCell>
              <HolderName holder={movement.to} />
            </TableCell>
            <TableCell>{movement.actorLabel}</TableCell>
            <TableCell>{movementNote(translate, movement)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
