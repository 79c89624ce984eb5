import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsOrder } from 'typeorm';
import { Programme } from '#src/funders/programme.entity.js';
import { Issuance } from './issuance.entity.js';

/** The new carnets of one chunk, and their cheques, as parallel arrays (one unnest each). */
export interface ChunkRows {
  carnetIds: string[];
  serials: number[];
  chequeNumbers: string[];
  chequeCarnetIds: string[];
  positions: number[];
  hashes: string[];
}

/** Issuance runs, their counters, and the carnets and cheques a run writes. */
@Injectable()
export class IssuanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Issuance | null> {
    return manager.findOne(Issuance, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Issuance> {
    return manager.findOneByOrFail(Issuance, { id });
  }

  /** The run locked for this transaction: one chunk at a time, whoever runs the job. */
  lock(manager: EntityManager, id: string): Promise<Issuance> {
    return manager.findOneOrFail(Issuance, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  page(
    programmeId: string | undefined,
    order: FindOptionsOrder<Issuance>,
    skip: number,
    take: number,
  ): Promise<[Issuance[], number]> {
    return this.dataSource.manager.findAndCount(Issuance, {
      where: programmeId ? { programmeId } : {},
      order,
      skip,
      take,
    });
  }

  insert(manager: EntityManager, fields: Partial<Issuance>): Promise<Issuance> {
    return manager.save(manager.create(Issuance, fields));
  }

  async update(
    id: string,
    fields: Partial<
      Pick<
        Issuance,
        'status' | 'error' | 'carnetsDone' | 'printGeneration' | 'finishedAt' | 'cropMarks'
      >
    >,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(Issuance, { id }, fields);
  }

  /** The programme, locked: two runs requested together are checked against the budget in turn. */
  lockProgramme(manager: EntityManager, id: string): Promise<Programme> {
    return manager.findOneOrFail(Programme, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  programme(id: string): Promise<Programme> {
    return this.dataSource.manager.findOneByOrFail(Programme, { id });
  }

  /** Reserves `count` numbers of a counter; returns the first. The row lock orders concurrent runs. */
  async reserve(manager: EntityManager, name: string, count: number): Promise<number> {
    const [rows] = await manager.query<[{ first: string }[], number]>(
      `UPDATE numbering SET next = next + $2 WHERE name = $1 RETURNING next - $2 AS first`,
      [name, count],
    );
    return Number(rows[0].first);
  }

  /** The carnets of one chunk, ACTIVE in the programme stock, and their ISSUED cheques. */
  async insertChunk(manager: EntityManager, run: Issuance, holderId: string, rows: ChunkRows) {
    await manager.query(
      `INSERT INTO carnet (id, serial, programme_id, issuance_id, holder_id, status)
       SELECT t.id, t.serial, $3, $4, $5, 'ACTIVE' FROM unnest($1::uuid[], $2::bigint[]) AS t(id, serial)`,
      [rows.carnetIds, rows.serials, run.programmeId, run.id, holderId],
    );
    await manager.query(
      `INSERT INTO cheque (number, carnet_id, programme_id, position, face_value_cents, valid_until, status, security_hash)
       SELECT t.number, t.carnet_id, $5, t.position, $6, $7, 'ISSUED', decode(t.hash, 'hex')
       FROM unnest($1::char(12)[], $2::uuid[], $3::smallint[], $4::text[]) AS t(number, carnet_id, position, hash)`,
      [
        rows.chequeNumbers,
        rows.chequeCarnetIds,
        rows.positions,
        rows.hashes,
        run.programmeId,
        run.faceValueCents,
        run.validUntil,
      ],
    );
  }

  /**
   * Voids the codes of a run's carnets still in the programme stock: a one-byte hash never
   * matches. Their carnets cannot leave the stock until the run is DONE.
   */
  async voidStockCodes(manager: EntityManager, issuanceId: string, stockId: string): Promise<void> {
    await manager.query(
      `UPDATE cheque c SET security_hash = '\\x00'::bytea
       FROM carnet k
       WHERE c.carnet_id = k.id AND k.issuance_id = $1 AND k.holder_id = $2
         AND k.status = 'ACTIVE' AND c.status = 'ISSUED'`,
      [issuanceId, stockId],
    );
  }

  /** The next carnets of a reprint, after `afterSerial`, locked. */
  stockCarnetsAfter(
    manager: EntityManager,
    issuanceId: string,
    stockId: string,
    afterSerial: number,
    limit: number,
  ): Promise<{ id: string; serial: number }[]> {
    return manager.query<{ id: string; serial: number }[]>(
      `SELECT id, serial::int AS serial FROM carnet
       WHERE issuance_id = $1 AND holder_id = $2 AND status = 'ACTIVE' AND serial > $3
       ORDER BY serial LIMIT $4 FOR UPDATE`,
      [issuanceId, stockId, afterSerial, limit],
    );
  }

  /** The run's carnets still ACTIVE in the stock, in serial order (a reprint's audit entry). */
  stockCarnetsOf(
    manager: EntityManager,
    issuanceId: string,
    stockId: string,
  ): Promise<{ id: string; serial: number }[]> {
    return manager.query<{ id: string; serial: number }[]>(
      `SELECT id, serial::int AS serial FROM carnet
       WHERE issuance_id = $1 AND holder_id = $2 AND status = 'ACTIVE' ORDER BY serial`,
      [issuanceId, stockId],
    );
  }

  issuedChequesOf(
    manager: EntityManager,
    carnetIds: string[],
  ): Promise<{ number: string; carnet_id: string; position: number }[]> {
    return manager.query<{ number: string; carnet_id: string; position: number }[]>(
      `SELECT number, carnet_id, position FROM cheque
       WHERE carnet_id = ANY($1::uuid[]) AND status = 'ISSUED' ORDER BY number`,
      [carnetIds],
    );
  }

  /** New code hashes; a cheque cancelled since it was read keeps its status and is left out. */
  async renewCodes(manager: EntityManager, numbers: string[], hashes: string[]): Promise<string[]> {
    const [renewed] = await manager.query<[{ number: string }[], number]>(
      `UPDATE cheque SET security_hash = decode(t.hash, 'hex')
       FROM unnest($1::char(12)[], $2::text[]) AS t(number, hash)
       WHERE cheque.number = t.number AND cheque.status = 'ISSUED'
       RETURNING cheque.number`,
      [numbers, hashes],
    );
    return renewed.map((r) => r.number);
  }
}
