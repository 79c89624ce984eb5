import { Box, Card, CardContent, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { publicApi } from './publicApi';

/** « Pass numérique — <programme owner> », read from the API (no sign-in needed). */
function useProgrammeTitle(): string {
  const info = useQuery({
    queryKey: ['sign-in-info'],
    queryFn: async () => (await publicApi.GET('/api/v1/public/sign-in')).data ?? null,
    staleTime: Infinity,
  });
  const product = info.data?.productName ?? 'Pass numérique';
  return info.data?.ownerName ? `${product} — ${info.data.ownerName}` : product;
}

/**
 * The frame of the screens people see before signing in (sign-in, forgotten password, choosing a
 * password from an e-mail): a main landmark, the programme as the level-1 heading, the screen's
 * name as level 2. Fits a 390 px phone.
 */
export const AuthLayout = ({ title, children }: { title: string; children: ReactNode }) => {
  const programme = useProgrammeTitle();
  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: { xs: 'flex-start', sm: 'center' },
        justifyContent: 'center',
        bgcolor: 'grey.100',
        px: 2,
        py: 4,
        boxSizing: 'border-box',
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 440 }}>
        <CardContent sx={{ p: 3 }}>
          <Typography component="h1" variant="h5" sx={{ fontWeight: 600, mb: 1 }}>
            {programme}
          </Typography>
          <Typography component="h2" variant="h6" sx={{ mb: 2 }}>
            {title}
          </Typography>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
};
