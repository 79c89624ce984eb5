import { Box, Button, Link as MuiLink } from '@mui/material';
import { useEffect } from 'react';
import { LoginForm, useCheckAuth, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router';

import accessibility from '../accessibility';
import { AuthLayout } from './AuthLayout';

/** The sign-in page: names the programme, react-admin's form, « Mot de passe oublié ? ». */
export const LoginPage = () => {
  const translate = useTranslate();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  // Someone already signed in goes straight to the home page, as react-admin's own page does.
  useEffect(() => {
    checkAuth({}, false)
      .then(() => navigate('/'))
      .catch(() => undefined);
  }, [checkAuth, navigate]);
  return (
    <AuthLayout title={translate('carnet.auth.signInTitle')}>
      <LoginForm sx={{ '& .MuiCardContent-root': { px: 0 } }} />
      <Button component={Link} to="/mot-de-passe-oublie" sx={{ minHeight: 44, mt: 1 }}>
        {translate('carnet.auth.forgotPassword')}
      </Button>
      <Box sx={{ mt: 2 }}>
        <MuiLink component={Link} to={accessibility.path} variant="body2">
          {translate(accessibility.label)}
        </MuiLink>
      </Box>
    </AuthLayout>
  );
};
