import { chequeNumber } from '@carnet/domain';
import type { Issuance } from './issuance.entity.js';

/** A run as the audit trail records it. */
export function describeRun(issuance: Issuance): Record<string, unknown> {
  return {
    programmeId: issuance.programmeId,
    carnetCount: issuance.carnetCount,
    chequesPerCarnet: issuance.chequesPerCarnet,
    faceValueCents: issuance.faceValueCents,
    validUntil: issuance.validUntil,
    serials: `${issuance.firstSerial}-${issuance.firstSerial + issuance.carnetCount - 1}`,
    chequeNumbers: `${chequeNumber(issuance.firstSequence)}-${chequeNumber(
      issuance.firstSequence + issuance.carnetCount * issuance.chequesPerCarnet - 1,
    )}`,
    status: issuance.status,
    cropMarks: issuance.cropMarks,
  };
}
