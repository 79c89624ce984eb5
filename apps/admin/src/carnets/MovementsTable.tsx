import type { Schemas } from '@carnet/api-client';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { type TranslateFunction, useTranslate } from 'react-admin';

import { formatDateTime } from '../dates';
import { HolderName } from './holders';

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

/** A carnet's custody ledger, oldest first: issuance, transfers, returns, write-off… */
export const MovementsTable = ({ movements }: { movements: readonly Movement[] }) => {
  const translate = useTranslate();
  if (movements.length === 0) {
    return <Typography variant="body2">{translate('carnet.carnets.noMovement')}</Typography>;
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
