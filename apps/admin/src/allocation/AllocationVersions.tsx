import type { Schemas } from '@carnet/api-client';
import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatDateTime } from '../dates';
import { formatCount } from '../money';
import { criterionLabel } from './criteria';

type AllocationVersion = Schemas['AllocationVersionDto'];

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });

/** Every committed allocation, newest first: each new one supersedes the previous. */
export const AllocationVersions = ({ versions }: { versions: readonly AllocationVersion[] }) => {
  const translate = useTranslate();
  if (versions.length === 0) {
    return <Typography variant="body2">{translate('carnet.allocation.noVersion')}</Typography>;
  }
  return (
    <Table size="small" sx={{ maxWidth: 1000 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('carnet.allocation.version')}</TableCell>
          <TableCell>{translate('carnet.allocation.createdAt')}</TableCell>
          <TableCell align="right">{translate('carnet.allocation.totalCarnets')}</TableCell>
          <TableCell align="right">{translate('carnet.allocation.fixedPerCommune')}</TableCell>
          <TableCell>{translate('carnet.allocation.weights')}</TableCell>
          <TableCell>{translate('carnet.allocation.state')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {versions.map((version) => (
          <TableRow key={version.id}>
            <TableCell>{version.version}</TableCell>
            <TableCell>{formatDateTime(version.createdAt)}</TableCell>
            <TableCell align="right">{formatCount(version.totalCarnets)}</TableCell>
            <TableCell align="right">{formatCount(version.fixedPerCommune)}</TableCell>
            <TableCell>
              {Object.entries(version.weights)
                .map(
                  ([name, weight]) =>
                    `${criterionLabel(translate, name)} × ${decimal.format(weight)}`,
                )
                .join(', ')}
            </TableCell>
            <TableCell>
              {version.supersededAt === null ? (
                <Chip size="small" color="success" label={translate('carnet.allocation.inForce')} />
              ) : (
                translate('carnet.allocation.supersededAt', {
                  date: formatDateTime(version.supersededAt),
                })
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
