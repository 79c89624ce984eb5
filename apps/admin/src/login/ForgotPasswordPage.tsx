import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { problemMessage } from '../problem';
import { AuthLayout } from './AuthLayout';
import { publicApi } from './publicApi';

/**
 * « Mot de passe oublié ? »: asks for the e-mail and always answers the same sentence (the API
 * does not say whether an account has it).
 */
export const ForgotPasswordPage = () => {
  const translate = useTranslate();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: async (address: string) => {
      const { error, response } = await publicApi.POST('/api/v1/auth/password-reset', {
        body: { email: address },
      });
      if (!response.ok) throw new Error(problemMessage(error, response));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };
  return (
    <AuthLayout title={translate('carnet.auth.forgotTitle')}>
      {request.isSuccess ? (
        <Alert severity="success" role="status">
          {translate('carnet.auth.forgotSent')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate={false}>
          <Stack spacing={2}>
            <Typography variant="body2">{translate('carnet.auth.forgotIntro')}</Typography>
            <TextField
              label={translate('carnet.auth.email')}
              type="email"
              name="email"
              autoComplete="email"
              required
              fullWidth
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            {request.error && (
              <Alert severity="error" role="alert">
                {request.error.message}
              </Alert>
            )}
            <Button
              type="submit"
              variant="contained"
              disabled={request.isPending}
              sx={{ minHeight: 44 }}
            >
              {translate('carnet.auth.forgotSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      <Button component={Link} to="/login" sx={{ minHeight: 44, mt: 2 }}>
        {translate('carnet.auth.backToSignIn')}
      </Button>
    </AuthLayout>
  );
};
