import { Box, Typography } from '@mui/material';
import { ChartsLocalizationProvider } from '@mui/x-charts/ChartsLocalizationProvider';
import { frFRLocalText } from '@mui/x-charts/locales';
import type { ReactNode } from 'react';
import { Title } from 'react-admin';

/** The page's frame: its title (the app bar's and the level-1 heading) and the charts' French. */
export const ReportsFrame = ({ title, children }: { title: string; children: ReactNode }) => (
  <ChartsLocalizationProvider localeText={frFRLocalText}>
    <Box sx={{ mt: 2, mb: 4, minWidth: 0, maxWidth: 1400 }}>
      <Title title={title} />
      <Typography
        variant="h4"
        component="h2"
        sx={{ mb: 1, fontSize: { xs: '1.6rem', sm: '2rem' } }}
      >
        {title}
      </Typography>
      {children}
    </Box>
  </ChartsLocalizationProvider>
);
