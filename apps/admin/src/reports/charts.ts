/**
 * Series colours of the dashboards: dark enough against white for a graphical object (WCAG 1.4.11,
 * 3:1) and told apart by more than hue where they sit side by side (the tables say the same
 * figures in words).
 */
export const SERIES_COLOURS = {
  blue: '#000091',
  green: '#18753c',
  orange: '#b34000',
  purple: '#6e445a',
  teal: '#006a6f',
  grey: '#53657d',
} as const;

/** Height of a chart: enough for its axes on a phone, not so much that a page is all charts. */
export const CHART_HEIGHT = 300;

/** Charts draw once, without the animation that people with vestibular disorders may mind. */
export const chartDefaults = { height: CHART_HEIGHT, skipAnimation: true } as const;
