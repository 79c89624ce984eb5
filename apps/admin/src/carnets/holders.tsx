import type { Schemas } from '@carnet/api-client';
import { Box, Typography } from '@mui/material';
import { type TranslateFunction, useTranslate } from 'react-admin';

/** What names a holder: a carnet's holder, a ledger row's ends, a stock line. */
export type HolderNames = Pick<
  Schemas['HolderDto'],
  'kind' | 'inseeCode' | 'communeName' | 'prescriberName'
>;

/**
 * A holder in French: the commune's or the structure's name, else « Stock du programme » or
 * « Bénéficiaire ». The API's own `label` is English.
 */
export function holderLabel(translate: TranslateFunction, holder: HolderNames | null): string {
  if (!holder) return '—';
  switch (holder.kind) {
    case 'PROGRAMME':
      return translate('carnet.holders.programme');
    case 'COMMUNE':
      return holder.communeName ?? holder.inseeCode ?? '—';
    case 'PRESCRIBER':
      return holder.prescriberName ?? '—';
    case 'BENEFICIARY':
      return translate('carnet.holders.beneficiary');
  }
}

/** A holder's name over its kind (« Commune », « Structure prescriptrice »…). */
export const HolderName = ({ holder }: { holder: HolderNames | null }) => {
  const translate = useTranslate();
  if (!holder) return <>—</>;
  const named = holder.kind === 'COMMUNE' || holder.kind === 'PRESCRIBER';
  return (
    <Box>
      <Typography variant="body2">{holderLabel(translate, holder)}</Typography>
      {named && (
        <Typography variant="caption" color="textSecondary">
          {translate(`carnet.holderKinds.${holder.kind}`)}
          {holder.kind === 'PRESCRIBER' && holder.communeName ? ` — ${holder.communeName}` : ''}
        </Typography>
      )}
    </Box>
  );
};
