import 'leaflet/dist/leaflet.css';

import { latLngBounds } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap, ZoomControl } from 'react-leaflet';

import { DEFAULT_CENTRE, TILE_ATTRIBUTION, TILE_URL } from '../mapTiles';
import type { PublicVenue } from './publicApi';
import { TEXTS } from './texts';

type LocatedVenue = PublicVenue & { latitude: number; longitude: number };

const isLocated = (venue: PublicVenue): venue is LocatedVenue =>
  venue.latitude !== null && venue.longitude !== null;

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
 * The venues on a map, only where tiles are configured (the page loads this module then). When
 * the tiles fail, or no venue has coordinates, it steps aside: the list below says it all.
 */
const PublicVenueMap = ({
  venues,
  onUnavailable,
}: {
  venues: PublicVenue[];
  onUnavailable: () => void;
}) => {
  const located = useMemo(() => venues.filter(isLocated), [venues]);
  if (!TILE_URL || located.length === 0) return null;
  return (
    <div className="pp-map" role="region" aria-label={TEXTS.map} data-testid="public-venue-map">
      <MapContainer center={DEFAULT_CENTRE} zoom={10} scrollWheelZoom={false} zoomControl={false}>
        <TileLayer
          url={TILE_URL}
          attribution={TILE_ATTRIBUTION}
          eventHandlers={{ tileerror: onUnavailable }}
        />
        <ZoomControl position="topleft" zoomInTitle={TEXTS.zoomIn} zoomOutTitle={TEXTS.zoomOut} />
        <FitToVenues venues={located} />
        {located.map((venue) => (
          <CircleMarker
            key={venue.id}
            center={[venue.latitude, venue.longitude]}
            radius={9}
            pathOptions={{ color: '#000091', fillColor: '#000091', fillOpacity: 0.8, weight: 2 }}
          >
            <Popup>
              <strong>{venue.name}</strong>
              <br />
              {venue.address}, {venue.communeName}
            </Popup>
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  );
};

export default PublicVenueMap;
