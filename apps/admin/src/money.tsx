import { InputAdornment, Typography } from '@mui/material';
import { NumberInput, type NumberInputProps, useFieldValue } from 'react-admin';

// The API counts money in integer cents and shares in basis points (6500 = 65 %); the screens
// show euros and percentages, French style.
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const integers = new Intl.NumberFormat('fr-FR');
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });

export const formatCents = (cents: number): string => euros.format(cents / 100);
export const formatCount = (count: number): string => integers.format(count);
export const formatBasisPoints = (basisPoints: number): string =>
  percents.format(basisPoints / 10_000);

/** 65.5 (%) → 6550 basis points. Rounds away float noise such as 14.000000000000002. */
export const percentToBasisPoints = (percent: number): number => Math.round(percent * 100);
export const basisPointsToPercent = (basisPoints: number): number => basisPoints / 100;

/** An amount in cents, shown in euros: `<MoneyField source="budgetCents" />`. */
export const MoneyField = ({ source }: { source: string; label?: string }) => {
  const cents = useFieldValue({ source }) as number | null | undefined;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {cents == null ? '—' : formatCents(cents)}
    </Typography>
  );
};

// Module-level so that NumberInput's effect (which depends on `format`) does not loop.
const centsToEuros = (cents: unknown): string =>
  typeof cents === 'number' && !Number.isNaN(cents) ? String(cents / 100) : '';
const eurosToCents = (euros: unknown): number | null => {
  const value = typeof euros === 'number' ? euros : parseFloat(String(euros).replace(',', '.'));
  return Number.isNaN(value) ? null : Math.round(value * 100);
};

/** Edits an amount stored in cents, typed in euros. */
export const MoneyInput = (props: Omit<NumberInputProps, 'format' | 'parse'>) => (
  <NumberInput
    step={0.01}
    min={0}
    {...props}
    format={centsToEuros}
    parse={eurosToCents}
    slotProps={{ input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
  />
);
