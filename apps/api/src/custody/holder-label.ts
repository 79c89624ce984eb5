import type { CustodyHolder } from './custody-holder.entity.js';

/** A holder as people read it, in the audit trail and the stock view. */
export function holderLabel(holder: CustodyHolder): string {
  switch (holder.kind) {
    case 'PROGRAMME':
      return 'Programme stock';
    case 'COMMUNE':
      return `Commune ${holder.commune?.name ?? holder.inseeCode}`;
    case 'PRESCRIBER':
      return `Prescriber ${holder.prescriber?.name ?? holder.prescriberId}`;
    case 'BENEFICIARY':
      return `Beneficiary ${holder.beneficiaryId}`;
  }
}
