import { Box, Link, Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router';

import accessibility from './accessibility';

/**
 * react-admin's login page with what every page needs (RGAA): a main landmark, a level-1 heading
 * naming the application, and the link to the accessibility statement.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login role="main">
      <Typography component="h1" variant="h6" align="center" sx={{ px: 2 }}>
        {translate('carnet.layout.appName')}
      </Typography>
      <LoginForm />
      <Box sx={{ px: 2, pb: 2, textAlign: 'center' }}>
        <Link component={RouterLink} to={accessibility.path} variant="body2">
          {translate(accessibility.label)}
        </Link>
      </Box>
    </Login>
  );
};
