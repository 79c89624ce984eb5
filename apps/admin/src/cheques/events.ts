import type { Schemas } from '@carnet/api-client';
import type { TranslateFunction } from 'react-admin';

import { formatCount } from '../money';

type AuditEvent = Schemas['AuditEventResponseDto'];

/**
 * A holder as the audit log names it. The log keeps the API's English labels ("Programme
 * stock", "Commune Liévin", "Prescriber CCAS de Lens"): keep the name, say the rest in French.
 * A holder created by the move itself may be named by its code or id only ("Commune 62413",
 * "Prescriber 3f0c…"): then say what it is.
 */
export function auditHolder(translate: TranslateFunction, label: unknown): string {
  if (typeof label !== 'string') return '—';
  if (label === 'Programme stock') return translate('carnet.holders.programme');
  const [, kind, name] = /^(Commune|Prescriber|Beneficiary) (.*)$/.exec(label) ?? [];
  if (!kind || name === undefined) return label;
  if (kind === 'Beneficiary') return translate('carnet.holders.beneficiary');
  if (kind === 'Commune' && /^(\d{5}|2[AB]\d{3})$/.test(name)) {
    return `${translate('carnet.holderKinds.COMMUNE')} ${name}`;
  }
  if (kind === 'Prescriber' && /^[0-9a-f-]{36}$/i.test(name)) {
    return translate('carnet.holderKinds.PRESCRIBER');
  }
  return name;
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** What the event changed, in a few French words; undefined when its label says it all. */
export function describeEvent(translate: TranslateFunction, event: AuditEvent): string | undefined {
  const before = event.before ?? {};
  const after = event.after ?? {};
  switch (event.action) {
    case 'carnet.transfer':
    case 'carnet.return':
    case 'carnet.hand-out':
    case 'carnet.replacement':
    case 'carnet.write-off':
      return translate('carnet.events.move', {
        from: auditHolder(translate, before.holder),
        to: auditHolder(translate, after.holder),
      });
    case 'carnet.cancelled':
    case 'cheque.cancelled':
      return translate('carnet.events.reason', {
        reason: translate(`carnet.cancellationReasons.${text(after.reason)}`, {
          _: text(after.reason),
        }),
      });
    case 'carnet.replacement-issued':
      return translate('carnet.events.replaces', { serial: text(after.replacesSerial) });
    case 'carnet.replaced':
      return translate('carnet.events.replacedBy', { serial: text(after.replacementSerial) });
    case 'issuance.requested':
    case 'issuance.completed':
      return typeof after.carnetCount === 'number'
        ? translate('carnet.events.run', {
            smart_count: after.carnetCount,
            count: formatCount(after.carnetCount),
          })
        : undefined;
    case 'issuance.print-regenerated':
      return translate('carnet.events.generation', { generation: text(after.printGeneration) });
    case 'issuance.print-downloaded':
      return `${text(after.kind)} — ${translate('carnet.events.generation', {
        generation: text(after.generation),
      })}`;
    case 'redemption.created':
      return translate('carnet.events.redeemed', {
        venue: text(after.venue),
        service: text(after.service),
      });
    default:
      return undefined;
  }
}
