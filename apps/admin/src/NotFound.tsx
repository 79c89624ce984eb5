import HomeIcon from '@mui/icons-material/Home';
import { Button, Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link } from 'react-router';

/**
 * An address the admin does not know (a mistyped or outdated link): a French sentence in the
 * page's normal colours (react-admin's own page fades its text below the contrast WCAG asks for)
 * and the way back home. The page title is its one level-1 heading, as on every page.
 */
export const NotFound = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('carnet.notFound.title')} />
      <CardContent>
        <Typography component="p" sx={{ mb: 2 }}>
          {translate('carnet.notFound.text')}
        </Typography>
        <Button
          component={Link}
          to="/"
          variant="contained"
          startIcon={<HomeIcon />}
          sx={{ minHeight: 44 }}
        >
          {translate('carnet.notFound.home')}
        </Button>
      </CardContent>
    </Card>
  );
};
