import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's default theme with colours that pass WCAG 2.1 AA (4.5:1 for text): the app bar,
 * links and buttons in the French State's blue (« bleu France », #000091: 16:1 on white), and
 * status colours dark enough for white text on a chip (the defaults measured 3.1:1). Spinners and
 * progress bars say what they are (a progressbar needs a name: WCAG 4.1.2); the admin is French
 * only, so the names are written here rather than translated.
 */

/** The page buttons of a table's pagination; MUI's defaults are English (« Go to next page »). */
type PageButton = 'first' | 'last' | 'next' | 'previous';
const pageButtonLabels: Record<PageButton, string> = {
  first: 'Aller à la première page',
  last: 'Aller à la dernière page',
  next: 'Aller à la page suivante',
  previous: 'Aller à la page précédente',
};
/**
 * Whoever asks their system for less motion gets none (WCAG 2.3.3): toasts, dialogs and menus
 * appear and go at once instead of fading or growing. The browser tests run so too, and their
 * axe scans read a toast as it stays on screen, not half faded.
 */
const reducedMotion =
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const noMotion = {
  duration: {
    shortest: 0,
    shorter: 0,
    short: 0,
    standard: 0,
    complex: 0,
    enteringScreen: 0,
    leavingScreen: 0,
  },
};

export const theme: RaThemeOptions = {
  ...defaultTheme,
  ...(reducedMotion ? { transitions: noMotion } : {}),
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#000091' },
    secondary: { main: '#000091' },
    warning: { main: '#b34000' },
    success: { main: '#18753c' },
    error: { main: '#ce0500' },
    info: { main: '#0063cb' },
  },
  components: {
    ...defaultTheme.components,
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Chargement en cours' } },
    MuiLinearProgress: { defaultProps: { 'aria-label': 'Chargement en cours' } },
    // react-admin names a list's row checkboxes (« Sélectionner cette ligne ») on the MUI
    // Checkbox, which puts the name on its outer box, not on the <input> that screen readers
    // announce: the name goes to the input.
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          input: (ownerState: { 'aria-label'?: string }) =>
            ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] } : {},
          root: (ownerState: { 'aria-label'?: string }) =>
            ownerState['aria-label'] ? { 'aria-label': undefined } : {},
        },
      },
    },
    // On a phone react-admin's pagination leaves MUI's English labels.
    MuiTablePagination: {
      defaultProps: { getItemAriaLabel: (type: PageButton) => pageButtonLabels[type] },
    },
  },
};
