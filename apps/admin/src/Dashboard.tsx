import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

import type { CarnetIdentity } from './authProvider';

export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const me = identity as CarnetIdentity | undefined;
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
        <Typography variant="body2">{translate('carnet.dashboard.intro')}</Typography>
      </CardContent>
    </Card>
  );
};
