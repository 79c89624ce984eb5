/**
 * The custody chain of a carnet: programme stock → commune → prescriber → beneficiary. A carnet
 * always has one holder; every move is one ledger row, and only these moves exist.
 */
export const HOLDER_KINDS = ['PROGRAMME', 'COMMUNE', 'PRESCRIBER', 'BENEFICIARY'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

export const MOVEMENT_KINDS = [
  /** A carnet is created into the programme stock. */
  'ISSUE',
  /** Down the chain: programme → commune → prescriber. */
  'TRANSFER',
  /** Back up the chain: prescriber → commune → programme. */
  'RETURN',
  /** A prescriber gives a carnet to a beneficiary (the prescribers module's hand-out). */
  'HAND_OUT',
  /**
   * A hand-out undone (within 24 h, no cheque used): the carnet goes back from the beneficiary to
   * the structure that handed it out. A compensating row, never an edit of the HAND_OUT one; like
   * HAND_OUT, only the hand-out reaches it, never a transfer.
   */
  'HAND_BACK',
  /** A cancelled carnet leaves its holder's stock. */
  'WRITE_OFF',
  /** A new carnet goes from the programme stock straight to the holder of a cancelled one. */
  'REPLACEMENT',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

const MOVES: Readonly<Record<HolderKind, Partial<Record<HolderKind, MovementKind>>>> = {
  PROGRAMME: { COMMUNE: 'TRANSFER' },
  COMMUNE: { PRESCRIBER: 'TRANSFER', PROGRAMME: 'RETURN' },
  PRESCRIBER: { COMMUNE: 'RETURN', BENEFICIARY: 'HAND_OUT' },
  BENEFICIARY: {},
};

/** The kind of movement from one holder kind to another, or null when no such move exists. */
export function movementKind(from: HolderKind, to: HolderKind): MovementKind | null {
  return MOVES[from][to] ?? null;
}

/** Whom a kind of holder may send carnets to. */
export function nextHolderKinds(from: HolderKind): HolderKind[] {
  return Object.keys(MOVES[from]) as HolderKind[];
}

/**
 * An audit entry that touches carnets (a transfer, an expiry, a code renewal) lists their serial
 * ranges always, and their ids only up to this many, so one entry stays small however big the move.
 */
export const AUDITED_CARNET_IDS = 100;

/**
 * Serial ranges in words, for audit entries and answers: [1,2,3,7,9,10] → "1-3, 7, 9-10".
 * Input in any order; duplicates count once.
 */
export function serialRanges(serials: readonly number[]): string {
  const sorted = [...new Set(serials)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Carnet serials as printed: 7 digits, e.g. 42 → "0000042". */
export function formatCarnetSerial(serial: number): string {
  return String(serial).padStart(7, '0');
}

/** What names a holder: its kind and, for communes and prescribers, their names. */
export interface HolderNames {
  kind: HolderKind;
  inseeCode?: string | null;
  communeName?: string | null;
  prescriberName?: string | null;
}

/**
 * A holder in French, as the admin shows it: the commune's or the structure's name, else
 * « Stock du programme » or « Bénéficiaire » (a beneficiary is never named: personal data), and
 * « — » for no holder or a name missing.
 */
export function holderLabelFr(holder: HolderNames | null): string {
  if (!holder) return '—';
  switch (holder.kind) {
    case 'PROGRAMME':
      return 'Stock du programme';
    case 'COMMUNE':
      return holder.communeName ?? holder.inseeCode ?? '—';
    case 'PRESCRIBER':
      return holder.prescriberName ?? '—';
    case 'BENEFICIARY':
      return 'Bénéficiaire';
  }
}
