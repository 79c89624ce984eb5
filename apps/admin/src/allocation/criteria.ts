import type { TranslateFunction } from 'react-admin';

/** A criterion's French name when Carnet knows it (qpvPopulation…), else its name in the CSV. */
export const criterionLabel = (translate: TranslateFunction, criterion: string): string =>
  translate(`carnet.criteria.names.${criterion}`, { _: criterion });
