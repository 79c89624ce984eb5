import { Box } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useLayoutEffect, useRef, useState } from 'react';

import { formatCount } from '../money';
import { chartDefaults } from './charts';

/** Roughly the width of a character of the axis labels (12 px sans-serif), in pixels. */
const CHAR_PX = 7;

/** A long French label cut to `length` characters for an axis (whole in the tooltip and table). */
export const shorten = (name: string, length: number) =>
  name.length <= length ? name : `${name.slice(0, length - 1).trimEnd()}…`;

/** The width of an element, followed as the window or the layout changes. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export interface BarSeries {
  label: string;
  data: number[];
  colour: string;
  format?: (value: number) => string;
}

/**
 * Horizontal bars, one group per category named on the left: a breakdown (households by
 * situation, cheques per service, money per funder…). The names take at most 40 % of the width,
 * cut short on a phone (whole in the tooltip and in the table beside).
 */
export const Bars = ({
  categories,
  series,
  axisFormat = formatCount,
}: {
  categories: string[];
  series: BarSeries[];
  /** How the value axis writes its ticks. */
  axisFormat?: (value: number) => string;
}) => {
  const { ref, width } = useWidth();
  const labelLength = Math.max(10, Math.floor((width * 0.4) / CHAR_PX));
  const rowHeight = series.length > 1 ? 22 * series.length + 16 : 44;
  return (
    <Box ref={ref} sx={{ width: '100%', minWidth: 0 }}>
      {width > 0 && (
        <BarChart
          {...chartDefaults}
          height={Math.max(160, rowHeight * categories.length + (series.length > 1 ? 90 : 60))}
          margin={{ right: 24 }}
          layout="horizontal"
          yAxis={[
            {
              scaleType: 'band',
              data: categories,
              width: 'auto',
              valueFormatter: (name: string, context) =>
                context.location === 'tick' ? shorten(name, labelLength) : name,
            },
          ]}
          xAxis={[{ valueFormatter: axisFormat, tickMinStep: 1 }]}
          hideLegend={series.length < 2}
          series={series.map((s) => ({
            data: s.data,
            label: s.label,
            color: s.colour,
            valueFormatter: (v: number | null) => (v === null ? '' : (s.format ?? formatCount)(v)),
          }))}
        />
      )}
    </Box>
  );
};
