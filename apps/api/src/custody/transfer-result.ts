import type { MovementKind } from '@carnet/domain';
import type { CustodyHolder } from './custody-holder.entity.js';

/** What one transfer moved, with both holders' stocks as they now are. */
export interface TransferResult {
  transferId: string;
  kind: MovementKind;
  count: number;
  serials: string;
  from: CustodyHolder;
  to: CustodyHolder;
}
