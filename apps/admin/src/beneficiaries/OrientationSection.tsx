import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Link as MuiLink,
  Stack,
  Typography,
} from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { beneficiaryActions, type OrientationVenue } from '../beneficiaryData';
import { useDiagnostics } from './DiagnosticsSection';
import { frenchOpeningHours } from './openingHours';

/** The venues for a diagnostic (the latest when none is named): nearest first. */
export const useOrientation = (beneficiaryId: string, diagnosticId: string | undefined) =>
  useQuery({
    queryKey: ['orientation', beneficiaryId, diagnosticId],
    queryFn: () => beneficiaryActions.orientation(beneficiaryId, diagnosticId!),
    enabled: diagnosticId !== undefined,
  });

const distance = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 12 rue Jean Jaurès, 62800 Liévin ». */
export const venueAddress = (venue: OrientationVenue): string =>
  [venue.address, [venue.postalCode, venue.communeName].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');

/** One venue, as a card: where, when, how to reach it, what it offers of the needs. */
export const VenueCard = ({ venue }: { venue: OrientationVenue }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid="venue" sx={{ breakInside: 'avoid' }}>
      <CardContent>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
          {venue.name}
        </Typography>
        {venueAddress(venue) && <Typography variant="body2">{venueAddress(venue)}</Typography>}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, my: 0.5 }}>
          {venue.distanceKm !== null && (
            <Chip
              size="small"
              label={translate('carnet.orientation.distance', {
                km: distance.format(venue.distanceKm),
              })}
            />
          )}
          {venue.itinerant && (
            <Chip size="small" label={translate('carnet.orientation.itinerant')} />
          )}
        </Box>
        {venue.openingHours && (
          <Typography variant="body2">
            {translate('carnet.orientation.hours', {
              hours: frenchOpeningHours(venue.openingHours),
            })}
          </Typography>
        )}
        {venue.phone && (
          <Typography variant="body2">
            {translate('carnet.orientation.phone')}{' '}
            <MuiLink href={`tel:${venue.phone.replace(/[^\d+]/g, '')}`}>{venue.phone}</MuiLink>
          </Typography>
        )}
        {venue.email && (
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {translate('carnet.orientation.email')}{' '}
            <MuiLink href={`mailto:${venue.email}`}>{venue.email}</MuiLink>
          </Typography>
        )}
        {venue.website && (
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            <MuiLink href={venue.website} target="_blank" rel="noreferrer">
              {venue.website}
            </MuiLink>
          </Typography>
        )}
        {venue.accessModalities.length > 0 && (
          <Typography variant="body2">
            {translate('carnet.orientation.access', {
              list: venue.accessModalities.join(', '),
            })}
          </Typography>
        )}
        {venue.services.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {translate('carnet.orientation.offers', { list: venue.services.join(', ') })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

/** Where the person can go, from the latest diagnostic, and the printable slip. */
export const OrientationSection = ({ beneficiaryId }: { beneficiaryId: string }) => {
  const translate = useTranslate();
  const diagnostics = useDiagnostics(beneficiaryId);
  const latest = diagnostics.data?.[0]?.id;
  const orientation = useOrientation(beneficiaryId, latest);
  return (
    <Box component="section" aria-labelledby="orientation-title">
      <Typography id="orientation-title" variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate('carnet.orientation.section')}
      </Typography>
      {diagnostics.data && !latest && (
        <Typography variant="body2">{translate('carnet.orientation.diagnoseFirst')}</Typography>
      )}
      {orientation.error && <Alert severity="error">{orientation.error.message}</Alert>}
      {orientation.data && (
        <>
          {orientation.data.data.length === 0 ? (
            <Typography variant="body2">{translate('carnet.orientation.none')}</Typography>
          ) : (
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('carnet.orientation.for', {
                smart_count: orientation.data.data.length,
                services: orientation.data.meta.services.join(', '),
              })}
            </Typography>
          )}
          <Stack spacing={1}>
            {orientation.data.data.map((venue) => (
              <VenueCard key={venue.id} venue={venue} />
            ))}
          </Stack>
          {orientation.data.data.length > 0 && (
            <Button
              component={Link}
              to={`/beneficiaries/${encodeURIComponent(beneficiaryId)}/slip`}
              startIcon={<PrintIcon />}
              variant="outlined"
              sx={{ mt: 1, minHeight: 44 }}
            >
              {translate('carnet.orientation.slip')}
            </Button>
          )}
        </>
      )}
    </Box>
  );
};
