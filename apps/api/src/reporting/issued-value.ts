import type { EntityManager } from 'typeorm';

/**
 * Value of a programme's cheques that count against its budget: every cheque not cancelled
 * (issued, in circulation, used or expired), plus the cheques of runs not yet fully written — a
 * FAILED run included, as it will resume with the numbers reserved for it. A cancelled cheque's
 * value is free again.
 *
 * Computed as the value of every run requested minus the cancelled cheques: a few issuance rows
 * and an index range of cancelled cheques, never a scan of the programme's million cheques.
 */
export async function issuedValueCents(
  manager: EntityManager,
  programmeId: string,
): Promise<number> {
  const [row] = await manager.query<{ cents: string }[]>(
    `SELECT
       COALESCE((SELECT SUM(carnet_count::bigint * cheques_per_carnet * face_value_cents)
                 FROM issuance WHERE programme_id = $1), 0)
       - COALESCE((SELECT SUM(face_value_cents) FROM cheque
                   WHERE programme_id = $1 AND status = 'CANCELLED'), 0) AS cents`,
    [programmeId],
  );
  return Number(row?.cents ?? 0);
}
