import type { Schemas } from '@carnet/api-client';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { Loading, useGetList, useGetOne, useRecordContext, useTranslate } from 'react-admin';

import { formatCents, formatCount } from '../money';
import type { ProgrammeParts } from '../programmeData';
import { AllocationBars } from './AllocationBars';
import { AllocationPlanner } from './AllocationPlanner';
import { AllocationTable } from './AllocationTable';
import { AllocationVersions } from './AllocationVersions';
import { useCanChangeProgramme } from '../programmes/useCanChangeProgramme';

type Programme = Schemas['ProgrammeResponseDto'];
type AllocationVersion = Schemas['AllocationVersionDto'];

/** The allocation in force, line by line. */
const CurrentAllocation = ({ programmeId }: { programmeId: string }) => {
  const translate = useTranslate();
  const { data, error } = useGetOne<ProgrammeParts['current-allocations']>('current-allocations', {
    id: programmeId,
  });
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data) return <Loading />;
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="textSecondary">
        {translate('carnet.allocation.inForceDetail', {
          fixed: formatCount(data.fixedPerCommune),
          value: formatCents(data.totals.valueCents),
        })}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
          gap: 3,
        }}
      >
        <AllocationTable lines={data.lines} totals={data.totals} showChange={false} />
        <AllocationBars lines={data.lines} />
      </Box>
    </Stack>
  );
};

/** Plan a new allocation (managers), and read the one in force and its history (everyone). */
export const AllocationTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const id = programme?.id ?? '';
  const versions = useGetList<AllocationVersion>(
    'allocations',
    { filter: { programmeId: id } },
    { enabled: programme !== undefined },
  );
  const criteria = useGetOne<ProgrammeParts['criteria']>(
    'criteria',
    { id },
    { enabled: programme !== undefined && canChange },
  );
  if (!programme) return null;
  if (versions.isPending || (canChange && criteria.isPending)) return <Loading />;
  const error = versions.error ?? criteria.error;
  if (error) return <Alert severity="error">{error.message}</Alert>;

  const history = versions.data ?? [];
  const inForce = history.find((version) => version.supersededAt === null);
  return (
    <Stack spacing={3}>
      {canChange && criteria.data && (
        <AllocationPlanner
          // A new version in force starts the planner again from its parameters.
          key={inForce?.id ?? 'none'}
          programme={programme}
          criteria={criteria.data.criteria}
          inForce={inForce}
        />
      )}
      <Box>
        <Typography variant="h6" gutterBottom data-testid="allocation-in-force">
          {inForce
            ? translate('carnet.allocation.inForceTitle', {
                version: inForce.version,
                total: formatCount(inForce.totalCarnets),
              })
            : translate('carnet.allocation.noneInForce')}
        </Typography>
        {inForce && <CurrentAllocation programmeId={programme.id} />}
      </Box>
      <Box>
        <Typography variant="h6" gutterBottom>
          {translate('carnet.allocation.versions')}
        </Typography>
        <AllocationVersions versions={history} />
      </Box>
    </Stack>
  );
};
