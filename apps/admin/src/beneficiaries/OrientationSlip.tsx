import { Box, Button, GlobalStyles, Stack, Typography } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBack';
import PrintIcon from '@mui/icons-material/Print';
import { Loading, useCreatePath, useGetOne, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';

import type { Beneficiary } from '../beneficiaryData';
import { formatLongDay } from '../dates';
import { formatCents } from '../money';
import { useProgramme } from './BeneficiaryShow';
import { useDiagnostics } from './DiagnosticsSection';
import { useHandOuts } from './HandOutSection';
import { frenchOpeningHours } from './openingHours';
import { useOrientation, venueAddress } from './OrientationSection';

/** On paper: no buttons, black on white, margins a home printer keeps. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        '@page': { margin: '15mm' },
        body: { background: 'white' },
        '.no-print': { display: 'none !important' },
      },
    }}
  />
);

/**
 * The orientation slip handed to the person with the carnet, to print (`window.print()`): how to
 * use the cheques, until when, and the venues of the diagnostic with their address, hours and
 * phone. Nothing about the person: no name, no situation, no address.
 */
export const OrientationSlip = () => {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const beneficiary = useGetOne<Beneficiary>('beneficiaries', { id });
  const programme = useProgramme(beneficiary.data?.programmeId);
  const diagnostics = useDiagnostics(id);
  const handOuts = useHandOuts(id);
  const orientation = useOrientation(id, diagnostics.data?.[0]?.id);
  const handOut = handOuts.data?.find((h) => h.status === 'ACTIVE');
  const ready =
    programme.data && handOuts.data && (orientation.data || diagnostics.data?.length === 0);
  if (!ready || !programme.data) return <Loading />;
  const validUntil = handOut?.validUntil ?? programme.data.validityEndDate;
  const venues = orientation.data?.data ?? [];
  return (
    <Box component="main" sx={{ p: 2, maxWidth: 760, mx: 'auto', bgcolor: 'background.paper' }}>
      {printStyles}
      <Stack direction="row" spacing={1} className="no-print" sx={{ mb: 2, flexWrap: 'wrap' }}>
        <Button
          component={Link}
          to={createPath({ resource: 'beneficiaries', id, type: 'show' })}
          startIcon={<BackIcon />}
          sx={{ minHeight: 44 }}
        >
          {translate('carnet.slip.back')}
        </Button>
        <Button
          variant="contained"
          startIcon={<PrintIcon />}
          onClick={() => window.print()}
          sx={{ minHeight: 44 }}
        >
          {translate('carnet.slip.print')}
        </Button>
      </Stack>
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('carnet.slip.title')}
      </Typography>
      <Typography variant="body1" gutterBottom>
        {programme.data.name}
      </Typography>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('carnet.slip.howTo')}
      </Typography>
      <Box component="ol" sx={{ pl: 3, my: 1, '& li': { mb: 0.5 } }}>
        <li>{translate('carnet.slip.step1')}</li>
        <li>{translate('carnet.slip.step2')}</li>
        <li>
          {translate('carnet.slip.step3', {
            value: formatCents(programme.data.faceValueCents),
          })}
        </li>
        <li>
          <strong>{translate('carnet.slip.validUntil', { day: formatLongDay(validUntil) })}</strong>
        </li>
        <li>
          {handOut
            ? translate('carnet.slip.lostAt', { structure: handOut.prescriberName })
            : translate('carnet.slip.lost')}
        </li>
      </Box>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('carnet.slip.venues', { smart_count: venues.length })}
      </Typography>
      {venues.length === 0 && (
        <Typography variant="body2">{translate('carnet.orientation.none')}</Typography>
      )}
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {venues.map((venue) => (
          <Box
            component="li"
            key={venue.id}
            data-testid="slip-venue"
            sx={{ py: 1, borderBottom: 1, borderColor: 'divider', breakInside: 'avoid' }}
          >
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
              {venue.name}
            </Typography>
            {venueAddress(venue) && <Typography variant="body2">{venueAddress(venue)}</Typography>}
            {venue.itinerant && (
              <Typography variant="body2">{translate('carnet.orientation.itinerant')}</Typography>
            )}
            {venue.openingHours && (
              <Typography variant="body2">
                {translate('carnet.orientation.hours', {
                  hours: frenchOpeningHours(venue.openingHours),
                })}
              </Typography>
            )}
            {venue.phone && (
              <Typography variant="body2">
                {translate('carnet.orientation.phone')} {venue.phone}
              </Typography>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
