import AddIcon from '@mui/icons-material/PersonAdd';
import SearchIcon from '@mui/icons-material/Search';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { Loading, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatCount } from '../money';
import { Figure, figureGridSx } from './Figure';
import {
  formatMonth,
  type PrescriberSummary,
  useMyStructure,
  usePrescriberSummary,
} from './homeData';

/** Whether the agent is trained, and what that means for the programmes that require it. */
const TrainingStatus = ({ summary }: { summary: PrescriberSummary }) => {
  const translate = useTranslate();
  if (summary.agentTrained === null) return null;
  const requiring = summary.programmes.filter((p) => p.requireTrainedAgent);
  if (summary.agentTrained) {
    return (
      <Alert severity="success" data-testid="training-status">
        {translate('carnet.homes.trained')}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="training-status">
      {translate('carnet.homes.notTrained')}
      {requiring.map((p) => (
        <Typography key={p.programmeId} variant="body2" sx={{ mt: 1 }}>
          {translate('carnet.homes.trainingRequired', { programme: p.programmeName })}
        </Typography>
      ))}
    </Alert>
  );
};

/**
 * A prescriber agent's home: the two things it does most (register someone, find a household),
 * its structure's stock, what it handed out and registered this month, and its training.
 */
export const PrescriberHome = () => {
  const translate = useTranslate();
  const structure = useMyStructure();
  const summary = usePrescriberSummary(structure.data?.id);
  if (structure.isPending || (structure.data && summary.isPending)) return <Loading />;
  const error = structure.error ?? summary.error;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!summary.data) {
    return <Alert severity="info">{translate('carnet.homes.noStructure')}</Alert>;
  }
  const data = summary.data;
  const month = formatMonth(data.month);
  const several = data.programmes.length > 1;
  return (
    <Box>
      <Typography variant="h6" component="h2">
        {data.name}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ my: 2 }}>
        <Button
          component={Link}
          to="/beneficiaries/create"
          variant="contained"
          startIcon={<AddIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.homes.newBeneficiary')}
        </Button>
        <Button
          component={Link}
          to="/beneficiaries"
          variant="outlined"
          startIcon={<SearchIcon />}
          sx={{ minHeight: 48 }}
        >
          {translate('carnet.homes.findHousehold')}
        </Button>
      </Stack>
      <TrainingStatus summary={data} />
      {data.programmes.length === 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('carnet.homes.noProgramme')}
        </Alert>
      )}
      <Box sx={figureGridSx}>
        <Figure
          label={translate('carnet.homes.inStock')}
          value={data.totals.carnets}
          testId="figure-stock"
        >
          {several &&
            data.programmes.map((p) => (
              <Typography key={p.programmeId} variant="body2" color="textSecondary">
                {translate('carnet.homes.perProgramme', {
                  programme: p.programmeName,
                  count: formatCount(p.carnets),
                })}
              </Typography>
            ))}
        </Figure>
        <Figure
          label={translate('carnet.homes.handedOutThisMonth', { month })}
          value={data.totals.handedOutThisMonth}
          testId="figure-handed-out"
        />
        <Figure
          label={translate('carnet.homes.beneficiariesThisMonth', { month })}
          value={data.totals.beneficiariesThisMonth}
          testId="figure-beneficiaries"
        />
      </Box>
    </Box>
  );
};
