import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';

import { problemMessage } from '../problem';
import { AuthLayout } from './AuthLayout';
import { publicApi } from './publicApi';

const MIN_LENGTH = 12;

/**
 * Reached from the link of an invitation or password-reset e-mail (`#/mot-de-passe/<token>`), no
 * sign-in: choose a password, then sign in with it. The token stays in the URL's fragment, which
 * browsers never send to a server.
 */
export const SetPasswordPage = () => {
  const translate = useTranslate();
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const { error, response } = await publicApi.POST('/api/v1/auth/password', {
        body: { token, password },
      });
      if (!response.ok) throw new Error(problemMessage(error, response));
    },
  });
  const tooShort = password.length < MIN_LENGTH;
  const differ = password !== confirmation;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!tooShort && !differ) save.mutate();
  };
  return (
    <AuthLayout title={translate('carnet.auth.setPasswordTitle')}>
      {save.isSuccess ? (
        <Stack spacing={2}>
          <Alert severity="success" role="status">
            {translate('carnet.auth.passwordSet')}
          </Alert>
          <Button component={Link} to="/login" variant="contained" sx={{ minHeight: 44 }}>
            {translate('carnet.auth.signIn')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack spacing={2}>
            <Typography variant="body2">{translate('carnet.auth.setPasswordIntro')}</Typography>
            <TextField
              label={translate('carnet.auth.newPassword')}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              fullWidth
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={checked && tooShort}
              helperText={checked && tooShort ? translate('carnet.auth.passwordTooShort') : ' '}
            />
            <TextField
              label={translate('carnet.auth.confirmPassword')}
              type="password"
              name="confirmation"
              autoComplete="new-password"
              required
              fullWidth
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              error={checked && !tooShort && differ}
              helperText={
                checked && !tooShort && differ ? translate('carnet.auth.passwordsDiffer') : ' '
              }
            />
            {save.error && (
              <Alert severity="error" role="alert">
                {save.error.message}
              </Alert>
            )}
            <Button
              type="submit"
              variant="contained"
              disabled={save.isPending}
              sx={{ minHeight: 44 }}
            >
              {translate('carnet.auth.setPasswordSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      {!save.isSuccess && (
        <Button component={Link} to="/mot-de-passe-oublie" sx={{ minHeight: 44, mt: 2 }}>
          {translate('carnet.auth.forgotPassword')}
        </Button>
      )}
    </AuthLayout>
  );
};
