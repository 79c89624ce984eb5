import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One cell of the published table before suppression: a commune of venues, a month, a service. */
export interface UsageCell {
  /** The venues' commune; null: venues without one. */
  inseeCode: string | null;
  communeName: string | null;
  period: string;
  service: string;
  redemptions: number;
  cheques: number;
  amountCents: number;
}

export interface UsageSnapshot {
  programme: { id: string; name: string; openData: boolean } | null;
  asOf: Date | null;
  cells: UsageCell[];
}

/** Reads the reporting store for the open usage data (writes nothing). */
@Injectable()
export class OpenUsageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The programme, the store's `as_of` and, when the programme is published, its cells, in one
   * snapshot (a refresh committing meanwhile would otherwise pair new figures with the old date).
   * Cells: the store's rows per venue, month and service summed per commune of the venue (its
   * insee_code as it is today), read by the primary key of report_venue_month (programme_id
   * first); a few thousand rows at most.
   */
  snapshot(programmeId: string): Promise<UsageSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [programme] = await manager.query<{ id: string; name: string; openData: boolean }[]>(
        `SELECT id, name, open_data AS "openData" FROM programme WHERE id = $1`,
        [programmeId],
      );
      const [state] = await manager.query<{ asOf: Date | null }[]>(
        `SELECT as_of AS "asOf" FROM report_state WHERE id = 1`,
      );
      if (!programme?.openData) {
        return { programme: programme ?? null, asOf: state?.asOf ?? null, cells: [] };
      }
      const rows = await manager.query<
        (Omit<UsageCell, 'amountCents'> & { amountCents: string })[]
      >(
        `SELECT v.insee_code AS "inseeCode",
                COALESCE(min(c.name), min(v.commune_name)) AS "communeName",
                m.period, m.service,
                sum(m.redemptions)::int AS redemptions, sum(m.cheques)::int AS cheques,
                sum(m.amount_cents)::bigint AS "amountCents"
         FROM report_venue_month m
         JOIN venue v ON v.id = m.venue_id
         LEFT JOIN commune c ON c.insee_code = v.insee_code
         WHERE m.programme_id = $1
         GROUP BY v.insee_code, m.period, m.service
         HAVING sum(m.redemptions) > 0`,
        [programmeId],
      );
      return {
        programme,
        asOf: state?.asOf ?? null,
        cells: rows.map((row) => ({ ...row, amountCents: Number(row.amountCents) })),
      };
    });
  }
}
