import SchoolIcon from '@mui/icons-material/School';
import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { Loading, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { formatCount } from '../money';
import { DashboardLink } from '../reports/HomeFigures';
import { Figure, figureGridSx } from './Figure';
import { type CommuneSummary, formatMonth, useCommuneSummary, useMyCommunes } from './homeData';

const structureLink = (prescriberId: string) => `/prescribers/${prescriberId}/show`;

/** The commune's structures: each one's stock and hand-outs this month, and who needs training. */
const Structures = ({ summary, month }: { summary: CommuneSummary; month: string }) => {
  const translate = useTranslate();
  if (summary.structures.length === 0) {
    return <Typography variant="body2">{translate('carnet.homes.noStructures')}</Typography>;
  }
  return (
    <>
      <List dense disablePadding aria-label={translate('carnet.homes.structures')}>
        {summary.structures.map((s) => (
          <ListItem key={s.prescriberId} disablePadding divider>
            <ListItemButton
              component={Link}
              to={structureLink(s.prescriberId)}
              data-testid="home-structure"
              sx={{ minHeight: 48 }}
            >
              <ListItemText
                primary={s.name}
                secondary={
                  <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}>
                    <span>
                      {translate('carnet.homes.structureFigures', {
                        stock: formatCount(s.carnets),
                        handedOut: formatCount(s.handedOutThisMonth),
                        month,
                      })}
                    </span>
                    {s.untrainedAgents > 0 && (
                      <Chip
                        size="small"
                        component="span"
                        color="warning"
                        label={translate('carnet.homes.untrainedCount', {
                          smart_count: s.untrainedAgents,
                        })}
                      />
                    )}
                  </Box>
                }
              />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      {summary.structureCount > summary.structures.length && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('carnet.homes.moreStructures', {
            count: formatCount(summary.structureCount - summary.structures.length),
          })}
        </Typography>
      )}
    </>
  );
};

/** Active agents of the commune's structures who have not attended a training yet. */
const UntrainedAgents = ({ summary }: { summary: CommuneSummary }) => {
  const translate = useTranslate();
  if (summary.untrainedAgentCount === 0) {
    return (
      <Alert severity="success" data-testid="untrained-none">
        {translate('carnet.homes.allTrained')}
      </Alert>
    );
  }
  return (
    <Box>
      <List dense disablePadding aria-label={translate('carnet.homes.untrainedAgents')}>
        {summary.untrainedAgents.map((a) => (
          <ListItem key={a.userId} disablePadding divider>
            <ListItemButton
              component={Link}
              to={structureLink(a.prescriberId)}
              data-testid="untrained-agent"
              sx={{ minHeight: 48 }}
            >
              <ListItemText primary={a.displayName} secondary={a.prescriberName} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      {summary.untrainedAgentCount > summary.untrainedAgents.length && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('carnet.homes.moreAgents', {
            count: formatCount(summary.untrainedAgentCount - summary.untrainedAgents.length),
          })}
        </Typography>
      )}
      <Button
        component={Link}
        to="/trainings/create"
        startIcon={<SchoolIcon />}
        sx={{ mt: 1, minHeight: 48 }}
      >
        {translate('carnet.homes.recordTraining')}
      </Button>
    </Box>
  );
};

const CommuneFigures = ({ inseeCode }: { inseeCode: string }) => {
  const translate = useTranslate();
  const summary = useCommuneSummary(inseeCode);
  if (summary.isPending) return <Loading />;
  if (summary.error) return <Alert severity="error">{summary.error.message}</Alert>;
  const data = summary.data;
  const month = formatMonth(data.month);
  return (
    <Box component="section" aria-labelledby={`home-commune-${inseeCode}`} sx={{ mb: 3 }}>
      <Typography variant="h6" component="h2" id={`home-commune-${inseeCode}`}>
        {translate('carnet.homes.commune', { name: data.name })}
      </Typography>
      {data.programmes.length === 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('carnet.homes.noProgramme')}
        </Alert>
      )}
      <Box sx={figureGridSx}>
        <Figure
          label={translate('carnet.homes.communeStock')}
          value={data.totals.carnets}
          testId="figure-commune-stock"
        >
          {data.programmes.map((p) => (
            <Typography key={p.programmeId} variant="body2" color="textSecondary">
              {p.allocationLimit === null
                ? translate('carnet.homes.received', {
                    programme: p.programmeName,
                    received: formatCount(p.received),
                  })
                : translate('carnet.homes.receivedOf', {
                    programme: p.programmeName,
                    received: formatCount(p.received),
                    allocation: formatCount(p.allocationLimit),
                  })}
            </Typography>
          ))}
        </Figure>
        <Figure
          label={translate('carnet.homes.structuresStock')}
          value={data.totals.structuresCarnets}
          testId="figure-structures-stock"
        />
        <Figure
          label={translate('carnet.homes.communeHandedOut', { month })}
          value={data.totals.handedOutThisMonth}
          testId="figure-commune-handed-out"
        />
      </Box>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2, fontWeight: 600 }}>
        {translate('carnet.homes.structures')}
      </Typography>
      <Structures summary={data} month={month} />
      <Typography variant="subtitle1" component="h3" sx={{ mt: 3, fontWeight: 600 }}>
        {translate('carnet.homes.untrainedAgents')}
      </Typography>
      <UntrainedAgents summary={data} />
    </Box>
  );
};

/**
 * A commune référent's home: the way to its commune's dashboard, its commune's stock, its
 * structures and their agents' training.
 */
export const CommuneHome = () => {
  const translate = useTranslate();
  const communes = useMyCommunes();
  if (communes.isPending) return <Loading />;
  if (communes.error) return <Alert severity="error">{communes.error.message}</Alert>;
  if (communes.data.length === 0) {
    return <Alert severity="info">{translate('carnet.homes.noCommune')}</Alert>;
  }
  return (
    <Box>
      <Box sx={{ mb: 2 }}>
        <DashboardLink />
      </Box>
      {communes.data.map((c) => (
        <CommuneFigures key={c.inseeCode} inseeCode={c.inseeCode} />
      ))}
    </Box>
  );
};
