import type { Schemas } from '@carnet/api-client';
import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

import { formatCount } from '../money';

type AllocationLine = Schemas['AllocationLineDto'];

const FIXED_COLOUR = 'grey.400';
const VARIABLE_COLOUR = 'primary.main';

const Swatch = ({ colour, label }: { colour: string; label: string }) => (
  <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
    <Box sx={{ width: 12, height: 12, bgcolor: colour, borderRadius: 0.5 }} />
    <Typography variant="caption">{label}</Typography>
  </Stack>
);

/**
 * Horizontal bars, one per commune from the largest allocation down: the fixed part, then the
 * variable part, on a scale where the largest total fills the width.
 */
export const AllocationBars = ({ lines }: { lines: readonly AllocationLine[] }) => {
  const translate = useTranslate();
  const sorted = [...lines].sort(
    (a, b) => b.total - a.total || a.communeName.localeCompare(b.communeName, 'fr'),
  );
  const max = Math.max(1, ...sorted.map((line) => line.total));
  const width = (count: number) => `${(count / max) * 100}%`;
  return (
    <Box role="figure" aria-label={translate('carnet.allocation.chart')}>
      <Stack direction="row" spacing={2} sx={{ mb: 1 }}>
        <Swatch colour={FIXED_COLOUR} label={translate('carnet.allocation.fixed')} />
        <Swatch colour={VARIABLE_COLOUR} label={translate('carnet.allocation.variable')} />
      </Stack>
      <Stack spacing={0.25}>
        {sorted.map((line) => (
          <Box
            key={line.inseeCode}
            title={`${line.communeName} : ${formatCount(line.fixed)} + ${formatCount(line.variable)} = ${formatCount(line.total)}`}
            sx={{
              display: 'grid',
              gridTemplateColumns: '150px 1fr 48px',
              alignItems: 'center',
              columnGap: 1,
            }}
          >
            <Typography variant="caption" noWrap>
              {line.communeName}
            </Typography>
            <Box sx={{ display: 'flex', height: 12 }}>
              <Box sx={{ width: width(line.fixed), bgcolor: FIXED_COLOUR }} />
              <Box sx={{ width: width(line.variable), bgcolor: VARIABLE_COLOUR }} />
            </Box>
            <Typography variant="caption" align="right">
              {formatCount(line.total)}
            </Typography>
          </Box>
        ))}
      </Stack>
    </Box>
  );
};
