import { Button as MuiButton, type ButtonProps as MuiButtonProps } from '@mui/material';
import { forwardRef, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface ButtonProps extends Omit<MuiButtonProps, 'children' | 'startIcon' | 'endIcon'> {
  /** A translation key, or the French words themselves. */
  label: string;
  /** The icon, before the words (or after them with `alignIcon="right"`). */
  children?: ReactNode;
  alignIcon?: 'left' | 'right';
}

/**
 * react-admin's Button, except that its words stay on a phone. Below 600 px react-admin's shows
 * the icon alone (and nothing at all for a button without an icon, a dialog's « Annuler » say,
 * and no name when disabled): an agent at a counter must read « Transférer » or « Annuler ».
 * List toolbars keep react-admin's own buttons, named icons as on every react-admin list.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { label, children, alignIcon = 'left', size = 'small', color = 'primary', ...rest },
  ref,
) {
  const translate = useTranslate();
  return (
    <MuiButton
      ref={ref}
      size={size}
      color={color}
      startIcon={alignIcon === 'left' ? children : undefined}
      endIcon={alignIcon === 'right' ? children : undefined}
      {...rest}
    >
      {translate(label, { _: label })}
    </MuiButton>
  );
});
