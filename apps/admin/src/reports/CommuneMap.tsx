import 'leaflet/dist/leaflet.css';

import { Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  CircleMarker,
  MapContainer,
  Popup,
  TileLayer,
  Tooltip,
  useMap,
  ZoomControl,
} from 'react-leaflet';

import { DEFAULT_CENTRE, TILE_ATTRIBUTION, TILE_URL } from '../mapTiles';
import { formatCount } from '../money';
import { SERIES_COLOURS } from './charts';
import type { CommuneRow } from './reportData';
import { formatDecimal, formatRate } from './reportFormat';

type Located = CommuneRow & { latitude: number; longitude: number };
type Measure = 'handedOut' | 'per1000';

/** The largest circle's radius, in pixels; others by area (radius ∝ √value). */
const MAX_RADIUS = 28;
const MIN_RADIUS = 3;
/** Communes named on the map, the largest circles first. */
const NAMED_COMMUNES = 10;

const isLocated = (row: CommuneRow): row is Located =>
  typeof row.latitude === 'number' && typeof row.longitude === 'number';

const valueOf = (row: CommuneRow, measure: Measure): number =>
  (measure === 'handedOut' ? row.handedOut : row.handedOutPer1000) ?? 0;

const radius = (value: number, max: number): number =>
  value <= 0 || max <= 0 ? MIN_RADIUS : Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(value / max));

/** Two significant digits at most: 1 234 → 1 200, 37,8 → 38. */
const roundNicely = (value: number): number => {
  if (value <= 0) return 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
};

/** Frames the communes whenever they change. */
const FitToCommunes = ({ communes }: { communes: Located[] }) => {
  const map = useMap();
  useEffect(() => {
    if (communes.length === 0) return;
    const bounds = latLngBounds(communes.map((c) => [c.latitude, c.longitude] as [number, number]));
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 12 });
  }, [map, communes]);
  return null;
};

/** What the circle sizes mean: three reference circles and their values, in French. */
const Legend = ({ max, measure }: { max: number; measure: Measure }) => {
  const t = useTranslate();
  const values = [...new Set([max, max / 2, max / 5].map(roundNicely))].filter((v) => v > 0);
  const size = MAX_RADIUS * 2 + 4;
  return (
    <Box
      data-testid="commune-map-legend"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mt: 1 }}
    >
      <Typography variant="body2" component="p" sx={{ fontWeight: 600 }}>
        {t(`carnet.reports.communes.legend.${measure}`)}
      </Typography>
      {values.map((value) => {
        const r = radius(value, max);
        return (
          <Box key={value} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            <svg width={size} height={size} aria-hidden="true" focusable="false">
              <circle
                cx={size / 2}
                cy={size / 2}
                r={r}
                fill={SERIES_COLOURS.blue}
                fillOpacity={0.35}
                stroke={SERIES_COLOURS.blue}
                strokeWidth={1.5}
              />
            </svg>
            <Typography variant="body2" component="span">
              {measure === 'handedOut'
                ? t('carnet.reports.communes.legend.carnets', {
                    smart_count: value,
                    count: formatCount(value),
                  })
                : t('carnet.reports.communes.legend.perThousand', {
                    count: formatDecimal(value),
                  })}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
};

/**
 * The communes on a map: a circle on each, its area in proportion to the carnets handed out to
 * its residents, or to them per 1,000 inhabitants (a choice above the map). The table beside
 * says the same figures, for whoever does not see or cannot point at the map.
 */
export const CommuneMap = ({ rows }: { rows: readonly CommuneRow[] }) => {
  const t = useTranslate();
  const [measure, setMeasure] = useState<Measure>('handedOut');
  const [tilesFailed, setTilesFailed] = useState(false);
  const communes = useMemo(() => rows.filter(isLocated), [rows]);
  const max = Math.max(0, ...communes.map((c) => valueOf(c, measure)));
  // Names on the map for the largest circles only, so that they do not overlap; every commune
  // shows its figures on a click, and the table lists them all.
  const named = new Set(
    [...communes]
      .sort((a, b) => valueOf(b, measure) - valueOf(a, measure))
      .slice(0, NAMED_COMMUNES)
      .map((c) => c.inseeCode),
  );
  const caption = !TILE_URL
    ? t('carnet.reports.communes.map.plainGround')
    : tilesFailed
      ? t('carnet.reports.communes.map.tilesFailed')
      : undefined;
  return (
    <Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={measure}
        onChange={(_, value: Measure | null) => value && setMeasure(value)}
        aria-label={t('carnet.reports.communes.map.measure')}
        sx={{ mb: 1, flexWrap: 'wrap' }}
      >
        <ToggleButton value="handedOut" sx={{ minHeight: 44 }}>
          {t('carnet.reports.communes.map.byHandedOut')}
        </ToggleButton>
        <ToggleButton value="per1000" sx={{ minHeight: 44 }}>
          {t('carnet.reports.communes.map.byPer1000')}
        </ToggleButton>
      </ToggleButtonGroup>
      <Box
        role="region"
        aria-label={t('carnet.reports.communes.map.label')}
        data-testid="commune-map"
        sx={{
          height: { xs: 300, md: 420 },
          borderRadius: 1,
          overflow: 'hidden',
          border: 1,
          borderColor: 'divider',
          '& .leaflet-container': { height: '100%', bgcolor: '#e9eef2' },
          // The names on the map: plain dark text on a light label, no pointer arrow.
          '& .commune-name': {
            bgcolor: 'rgba(255, 255, 255, 0.9)',
            border: 'none',
            boxShadow: 'none',
            color: '#161616',
            fontSize: 12,
            px: 0.5,
            py: 0,
            '&::before': { display: 'none' },
          },
        }}
      >
        <MapContainer center={DEFAULT_CENTRE} zoom={10} scrollWheelZoom={false} zoomControl={false}>
          <ZoomControl position="topleft" zoomInTitle="Zoom avant" zoomOutTitle="Zoom arrière" />
          {TILE_URL && !tilesFailed && (
            <TileLayer
              url={TILE_URL}
              attribution={TILE_ATTRIBUTION}
              eventHandlers={{ tileerror: () => setTilesFailed(true) }}
            />
          )}
          <FitToCommunes communes={communes} />
          {communes.map((commune) => (
            <CircleMarker
              key={`${commune.inseeCode}-${measure}`}
              center={[commune.latitude, commune.longitude]}
              radius={radius(valueOf(commune, measure), max)}
              pathOptions={{
                color: SERIES_COLOURS.blue,
                weight: 1.5,
                fillColor: SERIES_COLOURS.blue,
                fillOpacity: valueOf(commune, measure) > 0 ? 0.35 : 0,
              }}
            >
              {named.has(commune.inseeCode) && (
                <Tooltip permanent direction="right" offset={[6, 0]} className="commune-name">
                  {commune.communeName}
                </Tooltip>
              )}
              <Popup>
                <strong>{commune.communeName}</strong>
                <br />
                {t('carnet.reports.communes.map.details', {
                  handedOut: formatCount(commune.handedOut),
                  per1000: formatDecimal(commune.handedOutPer1000),
                  rate: formatRate(commune.redemptionRate),
                })}
              </Popup>
            </CircleMarker>
          ))}
        </MapContainer>
      </Box>
      <Legend max={max} measure={measure} />
      <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 0.5 }}>
        {caption ? `${caption} ` : ''}
        {t('carnet.reports.communes.map.located', { smart_count: communes.length })}
      </Typography>
    </Box>
  );
};
