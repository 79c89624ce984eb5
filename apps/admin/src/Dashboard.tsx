import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

import type { CarnetIdentity } from './authProvider';
import { CommuneHome } from './homes/CommuneHome';
import { PrescriberHome } from './homes/PrescriberHome';
import { VenueHome } from './redemptions';
import { HomeFigures } from './reports/HomeFigures';

/**
 * The home page. A prescriber agent, a commune référent and a venue's staff find their figures
 * and what to do next there (homes/, redemptions/VenueHome); the others (who steer or fund a
 * programme) its key figures and the way to the dashboard (reports/HomeFigures).
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const me = identity as CarnetIdentity | undefined;
  const home =
    me?.role === 'PRESCRIBER_AGENT' ? (
      <PrescriberHome />
    ) : me?.role === 'COMMUNE_REFERENT' ? (
      <CommuneHome />
    ) : me?.role === 'VENUE_STAFF' ? (
      <VenueHome />
    ) : me ? (
      <HomeFigures />
    ) : null;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <CardContent>
        {me && (
          <>
            <Typography variant="h5" component="h2" gutterBottom>
              {translate('carnet.dashboard.welcome', { name: me.displayName })}
            </Typography>
            <Typography color="textSecondary" gutterBottom>
              {translate('carnet.dashboard.roleAt', {
                role: translate(`carnet.roles.${me.role}`),
                organisation: me.organisationName,
              })}
            </Typography>
          </>
        )}
        {home}
      </CardContent>
    </Card>
  );
};
