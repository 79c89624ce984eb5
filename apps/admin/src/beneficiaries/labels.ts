import type { Beneficiary } from '../beneficiaryData';
import { formatDay } from '../dates';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How the counter names a person: the first name, else the day they were registered. */
export const nameOf = (b: Beneficiary, translate: Translate): string =>
  b.firstName ?? translate('carnet.beneficiaries.noName', { day: formatDay(b.createdAt) });

/** « 60 à 74 ans », or « née en 1952 » for a birth year. */
export const ageOf = (b: Beneficiary, translate: Translate): string =>
  b.ageBand
    ? translate(`carnet.ageBands.${b.ageBand}`)
    : b.birthYear
      ? translate('carnet.beneficiaries.bornIn', { year: b.birthYear })
      : '—';
