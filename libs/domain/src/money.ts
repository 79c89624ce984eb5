/** An amount of money as an integer number of euro cents. Never a float. */
export type Cents = number;

export class InvalidAmountError extends Error {
  constructor(readonly value: unknown) {
    super(`Not an amount in cents: ${String(value)}`);
    this.name = 'InvalidAmountError';
  }
}

/** Throws unless value is a safe integer number of cents (negative amounts allowed for corrections). */
export function assertCents(value: unknown): asserts value is Cents {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidAmountError(value);
  }
}

/** Sums amounts in cents, refusing anything that is not integer cents. */
export function sumCents(amounts: readonly Cents[]): Cents {
  let total = 0;
  for (const amount of amounts) {
    assertCents(amount);
    total += amount;
  }
  assertCents(total);
  return total;
}

/** French display of an amount: 123456 → "1 234,56 €" (narrow no-break spaces, as Intl does). */
export function formatEuros(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${sign}${euros},${rest}\u00a0€`;
}
