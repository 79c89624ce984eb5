import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL bigint comes back as a string; amounts of cents stay far below 2^53, so they are
 * safe as JS numbers. Refuses anything that would lose precision.
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new Error(`bigint ${value} is beyond safe integers`);
    return parsed;
  },
};

/** numeric → number (criteria values, weights): exact enough for ratios, never for money. */
export const numericNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
