import type { TranslateFunction } from 'react-admin';

import type { ExpiryRow, NeedRow } from './reportData';

// Figures of the reports, French style. Counts and amounts use money.tsx's formats.
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric' });
const asOfFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
});

/** A ratio 0..1 → « 42,5 % »; « — » when there is nothing to divide. */
export const formatRate = (rate: number | null | undefined): string =>
  rate == null ? '—' : percent.format(rate);

/** A rate per 1 000 inhabitants, or any figure with one decimal: « 12,4 ». */
export const formatDecimal = (value: number | null | undefined): string =>
  value == null ? '—' : decimal.format(value);

/** « 2026-03 » → « mars 2026 » (short months, for axes and tables). */
export const formatShortMonth = (period: string): string =>
  shortMonth.format(new Date(`${period}-01T12:00:00`));

/** The instant the figures reflect → « 29 novembre 2026 à 09:12 ». */
export const formatAsOf = (instant: string): string => asOfFormat.format(new Date(instant));

/** A whole number of days → « 12 jours »; « — » when no carnet was used yet. */
export const formatDays = (translate: TranslateFunction, days: number | null | undefined) =>
  days == null ? '—' : translate('carnet.reports.days', { smart_count: days });

/** A code of the API shown by its French label, or as is when the label is missing. */
const label = (translate: TranslateFunction, key: string, code: string) =>
  translate(key, { _: code });

export const situationLabel = (t: TranslateFunction, code: string) =>
  label(t, `carnet.situations.${code}`, code);
export const ageBandLabel = (t: TranslateFunction, code: string) =>
  label(t, `carnet.ageBands.${code}`, code);
/**
 * A need of the diagnostic: a service of the national list (already a French name), an online
 * procedure (a code: CAF, IMPOTS…), or none named.
 */
export const needLabel = (t: TranslateFunction, row: Pick<NeedRow, 'kind' | 'need'>) => {
  switch (row.kind) {
    case 'SERVICE':
      return row.need;
    case 'PROCEDURE':
      return label(t, `carnet.onlineProcedures.${row.need}`, row.need);
    case 'NONE':
      return t('carnet.reports.needs.none');
  }
};
export const prescriberTypeLabel = (t: TranslateFunction, code: string) =>
  label(t, `carnet.prescriberTypes.${code}`, code);
export const funderKindLabel = (t: TranslateFunction, code: string) =>
  label(t, `carnet.funderKinds.${code}`, code);

/** Where unused cheques about to expire sit, in a French sentence. */
export function expiryPlace(t: TranslateFunction, row: ExpiryRow): string {
  switch (row.holderKind) {
    case 'PROGRAMME':
      return t('carnet.reports.expiry.atProgramme');
    case 'COMMUNE':
      return t('carnet.reports.expiry.atCommune', { commune: row.communeName ?? row.inseeCode });
    case 'PRESCRIBER':
      return t('carnet.reports.expiry.atPrescriber', {
        prescriber: row.prescriberName ?? '—',
      });
    case 'BENEFICIARY':
      return row.prescriberName
        ? t('carnet.reports.expiry.atBeneficiariesOf', {
            commune: row.communeName ?? row.inseeCode,
            prescriber: row.prescriberName,
          })
        : t('carnet.reports.expiry.atBeneficiaries', {
            commune: row.communeName ?? row.inseeCode,
          });
  }
}

/** « Dans les 30 jours », « Dans 31 à 60 jours », « Dans 61 à 90 jours ». */
export const withinDaysLabel = (t: TranslateFunction, withinDays: number) =>
  t(`carnet.reports.expiry.within.${withinDays}`, {
    _: t('carnet.reports.expiry.withinDays', { smart_count: withinDays }),
  });
