import 'leaflet/dist/leaflet.css';

import type { Schemas } from '@carnet/api-client';
import { Box, Typography } from '@mui/material';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap } from 'react-leaflet';
import { useListContext, useTranslate } from 'react-admin';
import { Link } from 'react-router';

import { DEFAULT_CENTRE, TILE_ATTRIBUTION, TILE_URL } from '../mapTiles';
import { QualificationStatusChip } from './QualificationStatusChip';

type Venue = Schemas['VenueResponseDto'];
type LocatedVenue = Venue & { latitude: number; longitude: number };

const isLocated = (venue: Venue): venue is LocatedVenue =>
  typeof venue.latitude === 'number' && typeof venue.longitude === 'number';

/** Frames the markers of the current page whenever they change. */
const FitToVenues = ({ venues }: { venues: LocatedVenue[] }) => {
  const map = useMap();
  useEffect(() => {
    if (venues.length === 0) return;
    const bounds = latLngBounds(venues.map((v) => [v.latitude, v.longitude] as [number, number]));
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }, [map, venues]);
  return null;
};

/**
 * The venues of the list's current page on a map, where map tiles are configured
 * (VITE_MAP_TILE_URL, README « Map tiles »). Without tiles there is no map: markers on a blank
 * ground tell nothing, and the list below names every venue with its commune. When the tiles fail
 * to load, a line says so and the list stays.
 */
export const VenueMap = () => {
  const translate = useTranslate();
  const { data } = useListContext<Venue>();
  const [tilesFailed, setTilesFailed] = useState(false);
  const venues = useMemo(() => (data ?? []).filter(isLocated), [data]);
  if (!TILE_URL) return null;
  if (tilesFailed) {
    return (
      <Typography variant="body2" component="p" sx={{ mt: 1, mb: 2 }}>
        {translate('carnet.venues.map.tilesFailed')}
      </Typography>
    );
  }

  return (
    <Box sx={{ mt: 1, mb: 2 }}>
      <Box
        role="region"
        aria-label={translate('carnet.venues.map.label')}
        data-testid="venue-map"
        sx={{
          height: 320,
          borderRadius: 1,
          overflow: 'hidden',
          border: 1,
          borderColor: 'divider',
          '& .leaflet-container': { height: '100%', bgcolor: '#e9eef2' },
        }}
      >
        <MapContainer center={DEFAULT_CENTRE} zoom={10} scrollWheelZoom={false}>
          <TileLayer
            url={TILE_URL}
            attribution={TILE_ATTRIBUTION}
            eventHandlers={{ tileerror: () => setTilesFailed(true) }}
          />
          <FitToVenues venues={venues} />
          {venues.map((venue) => (
            <CircleMarker
              key={venue.id}
              center={[venue.latitude, venue.longitude]}
              radius={8}
              pathOptions={{
                color: '#000091',
                fillColor: venue.acceptsPass ? '#18753c' : '#b34000',
                fillOpacity: 0.85,
                weight: 2,
              }}
            >
              <Popup>
                <Typography variant="subtitle2" component="div" gutterBottom>
                  <Link to={`/venues/${venue.id}/show`}>{venue.name}</Link>
                </Typography>
                <Typography variant="body2" component="div" gutterBottom>
                  {venue.communeName}
                </Typography>
                <QualificationStatusChip status={venue.qualificationStatus} />
              </Popup>
            </CircleMarker>
          ))}
        </MapContainer>
      </Box>
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 0.5 }}>
        {translate('carnet.venues.map.located', { smart_count: venues.length })}
      </Typography>
    </Box>
  );
};
