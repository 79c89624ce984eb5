import { Box, Container, Link, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router';

import { ACCESSIBILITY_EMAIL } from './contact';

const DEFENSEUR_FORM = 'https://formulaire.defenseurdesdroits.fr/';
const DEFENSEUR_DELEGATES = 'https://www.defenseurdesdroits.fr/carte-des-delegues';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section" sx={{ mt: 3 }}>
    <Typography variant="h5" component="h2" gutterBottom>
      {title}
    </Typography>
    {children}
  </Box>
);

const Paragraph = ({ children }: { children: ReactNode }) => (
  <Typography sx={{ mb: 1.5 }}>{children}</Typography>
);

/** A list of the keys' texts under `carnet.accessibility`. */
const Items = ({ keys }: { keys: readonly string[] }) => {
  const translate = useTranslate();
  return (
    <Box component="ul" sx={{ mt: 0, pl: 3 }}>
      {keys.map((key) => (
        <Typography component="li" key={key} sx={{ mb: 0.5 }}>
          {translate(`carnet.accessibility.${key}`)}
        </Typography>
      ))}
    </Box>
  );
};

/**
 * The accessibility statement, after the State's model (« modèle de déclaration
 * d'accessibilité », RGAA 4.1): conformity, what does not conform, how it was tested, how to
 * report a problem and the recourse to the Défenseur des droits.
 */
export const AccessibilityStatement = () => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`carnet.accessibility.${key}`, options);
  return (
    <Container component="main" maxWidth="md" sx={{ py: 3 }}>
      <Link component={RouterLink} to="/">
        {t('back')}
      </Link>
      <Typography variant="h4" component="h1" sx={{ mt: 2 }}>
        {t('title')}
      </Typography>
      <Paragraph>{t('commitment')}</Paragraph>
      <Paragraph>{t('scope')}</Paragraph>

      <Section title={t('conformityTitle')}>
        <Paragraph>
          <strong>{t('conformity')}</strong>
        </Paragraph>
        <Paragraph>{t('results')}</Paragraph>
      </Section>

      <Section title={t('notAccessibleTitle')}>
        <Paragraph>{t('notConformIntro')}</Paragraph>
        <Items keys={['gapMaps', 'gapCharts', 'gapAudit']} />
        <Paragraph>{t('outOfScopeIntro')}</Paragraph>
        <Items keys={['outPrintFiles', 'outUploads']} />
      </Section>

      <Section title={t('establishedTitle')}>
        <Paragraph>{t('established')}</Paragraph>
        <Paragraph>{t('technologies')}</Paragraph>
        <Paragraph>{t('environment')}</Paragraph>
        <Paragraph>{t('pages')}</Paragraph>
      </Section>

      <Section title={t('contactTitle')}>
        <Paragraph>{t('contact')}</Paragraph>
        <Paragraph>
          {t('email')}{' '}
          <Link href={`mailto:${ACCESSIBILITY_EMAIL}`} data-testid="accessibility-email">
            {ACCESSIBILITY_EMAIL}
          </Link>
        </Paragraph>
        <Paragraph>{t('answerDelay')}</Paragraph>
      </Section>

      <Section title={t('recourseTitle')}>
        <Paragraph>{t('recourse')}</Paragraph>
        <Box component="ul" sx={{ mt: 0, pl: 3 }}>
          <Typography component="li" sx={{ mb: 0.5 }}>
            <Link href={DEFENSEUR_FORM}>{t('recourseForm')}</Link>
          </Typography>
          <Typography component="li" sx={{ mb: 0.5 }}>
            <Link href={DEFENSEUR_DELEGATES}>{t('recourseDelegate')}</Link>
          </Typography>
          <Typography component="li" sx={{ mb: 0.5 }}>
            {t('recourseMail')}
          </Typography>
        </Box>
      </Section>
    </Container>
  );
};
