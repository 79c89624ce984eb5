import { BarChart } from '@mui/x-charts/BarChart';

import { formatCount } from '../money';
import { chartDefaults } from './charts';

const AXIS_LABEL_LENGTH = 30;

/** A long French label cut for an axis (whole in the tooltip and in the table). */
export const shorten = (name: string) =>
  name.length <= AXIS_LABEL_LENGTH ? name : `${name.slice(0, AXIS_LABEL_LENGTH - 1).trimEnd()}…`;

/**
 * One count per category as horizontal bars, the categories named on the left: a breakdown
 * (households by situation, carnets by need…).
 */
export const Bars = ({
  items,
  seriesLabel,
  colour,
}: {
  items: { label: string; value: number }[];
  seriesLabel: string;
  colour: string;
}) => (
  <BarChart
    {...chartDefaults}
    height={Math.max(160, 44 * items.length + 60)}
    layout="horizontal"
    yAxis={[
      {
        scaleType: 'band',
        data: items.map((i) => i.label),
        width: 'auto',
        valueFormatter: (name: string, context) =>
          context.location === 'tick' ? shorten(name) : name,
      },
    ]}
    xAxis={[{ valueFormatter: (v: number) => formatCount(v), tickMinStep: 1 }]}
    hideLegend
    series={[
      {
        data: items.map((i) => i.value),
        label: seriesLabel,
        color: colour,
        valueFormatter: (v) => (v === null ? '' : formatCount(v)),
      },
    ]}
  />
);
