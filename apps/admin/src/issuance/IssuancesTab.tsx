import type { Schemas } from '@carnet/api-client';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { Loading, useGetList, useRecordContext, useTranslate } from 'react-admin';

import { IssuanceRuns } from './IssuanceRuns';
import { IssueForm } from './IssueForm';
import { useCanChangeProgramme } from '../programmes/useCanChangeProgramme';

type Programme = Schemas['ProgrammeResponseDto'];
type Issuance = Schemas['IssuanceResponseDto'];

/** Issue carnets (managers, active programme) and follow the runs and their print files. */
export const IssuancesTab = (_props: { label?: false }) => {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const canChange = useCanChangeProgramme();
  const { data, isPending, error } = useGetList<Issuance>(
    'issuances',
    {
      filter: { programmeId: programme?.id },
      sort: { field: 'createdAt', order: 'DESC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: programme !== undefined },
  );
  if (!programme) return null;

  return (
    <Stack spacing={3}>
      {canChange && programme.status === 'ACTIVE' && <IssueForm programme={programme} />}
      {canChange && programme.status === 'DRAFT' && (
        <Alert severity="info">{translate('carnet.issuances.notActive')}</Alert>
      )}
      <Box>
        <Typography variant="h6" gutterBottom>
          {translate('carnet.issuances.runs')}
        </Typography>
        {isPending ? (
          <Loading />
        ) : error ? (
          <Alert severity="error">{error.message}</Alert>
        ) : (
          <IssuanceRuns runs={data ?? []} canChange={canChange} />
        )}
      </Box>
    </Stack>
  );
};
