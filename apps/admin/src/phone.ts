import { type Theme, useMediaQuery } from '@mui/material';

/** True on a phone-sized screen (MUI's `sm` breakpoint, 600 px): lists become cards, dialogs fill the screen. */
export const usePhone = (): boolean =>
  useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
