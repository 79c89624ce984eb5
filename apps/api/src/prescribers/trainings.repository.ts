import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TrainingAttendee } from './training-attendee.entity.js';
import { Training } from './training.entity.js';

/** What a training list or lookup may show: everything, or one commune's agents' trainings. */
export interface TrainingVisibility {
  /** Trainings attended by at least one agent of a structure of this commune. */
  communeOrganisationId?: string;
}

export interface TrainingFilter {
  prescriberId?: string;
  agentId?: string;
  from?: string;
  to?: string;
}

/** A user as a training sees them: their role, and their structure if they are an agent. */
export interface AttendeeRow {
  userId: string;
  displayName: string;
  role: string;
  prescriberId: string | null;
  prescriberName: string | null;
  /** The organisation of the structure's commune: its référents manage the agent. */
  communeOrganisationId: string | null;
}

/** Agents of a structure of a commune, attending the training `training` (SQL, aliased). */
const ATTENDED_BY = `EXISTS (
  SELECT 1 FROM training_attendee ta
  JOIN user_account u ON u.id = ta.user_id
  JOIN prescriber p ON p.organisation_id = u.organisation_id
  WHERE ta.training_id = training.id AND %s)`;

@Injectable()
export class TrainingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(manager: EntityManager, visibility: TrainingVisibility) {
    const query = manager.getRepository(Training).createQueryBuilder('training');
    if (visibility.communeOrganisationId) {
      query.andWhere(
        ATTENDED_BY.replace(
          '%s',
          'p.insee_code IN (SELECT insee_code FROM commune WHERE organisation_id = :corg)',
        ),
        { corg: visibility.communeOrganisationId },
      );
    }
    return query;
  }

  findPage(
    visibility: TrainingVisibility,
    filter: TrainingFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Training[], number]> {
    const query = this.query(this.dataSource.manager, visibility);
    if (filter.prescriberId)
      query.andWhere(ATTENDED_BY.replace('%s', 'p.id = :pid'), { pid: filter.prescriberId });
    if (filter.agentId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM training_attendee a WHERE a.training_id = training.id AND a.user_id = :agent)',
        { agent: filter.agentId },
      );
    }
    if (filter.from) query.andWhere('training.date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('training.date <= :to', { to: filter.to });
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`training.${field}`, direction);
    query.addOrderBy('training.id', 'ASC');
    return query.skip(skip).take(take).getManyAndCount();
  }

  findById(
    id: string,
    visibility: TrainingVisibility,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Training | null> {
    return this.query(manager, visibility).andWhere('training.id = :id', { id }).getOne();
  }

  /** The attendees of each training, by training id, by name. */
  async attendees(
    trainingIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AttendeeRow[]>> {
    const byTraining = new Map<string, AttendeeRow[]>(trainingIds.map((id) => [id, []]));
    if (trainingIds.length === 0) return byTraining;
    const rows = await manager.query<(AttendeeRow & { trainingId: string })[]>(
      `SELECT ta.training_id AS "trainingId", ${USER_COLUMNS}
       FROM training_attendee ta ${userJoins('ta.user_id')}
       WHERE ta.training_id = ANY($1::uuid[])
       ORDER BY u.display_name, u.id`,
      [trainingIds],
    );
    for (const { trainingId, ...row } of rows) byTraining.get(trainingId)?.push(row);
    return byTraining;
  }

  /** The users of the list that exist, with their role and structure. */
  users(manager: EntityManager, userIds: string[]): Promise<AttendeeRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return manager.query<AttendeeRow[]>(
      `SELECT ${USER_COLUMNS} FROM (SELECT unnest($1::uuid[]) AS id) wanted
       ${userJoins('wanted.id')}`,
      [userIds],
    );
  }

  /** The days of the trainings each user attended, by user id. */
  async datesAttended(
    userIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string[]>> {
    const dates = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return dates;
    const rows = await manager.query<{ userId: string; date: string }[]>(
      `SELECT ta.user_id AS "userId", to_char(t.date, 'YYYY-MM-DD') AS date
       FROM training_attendee ta JOIN training t ON t.id = ta.training_id
       WHERE ta.user_id = ANY($1::uuid[])`,
      [userIds],
    );
    for (const row of rows) dates.get(row.userId)?.push(row.date);
    return dates;
  }

  save(manager: EntityManager, training: Partial<Training>): Promise<Training> {
    return manager.save(Training, training);
  }

  /** Replaces who attended a training. */
  async replaceAttendees(
    manager: EntityManager,
    trainingId: string,
    userIds: string[],
  ): Promise<void> {
    await manager.delete(TrainingAttendee, { trainingId });
    await manager.insert(
      TrainingAttendee,
      userIds.map((userId) => ({ trainingId, userId })),
    );
  }
}

const USER_COLUMNS = `u.id AS "userId", u.display_name AS "displayName", u.role,
  p.id AS "prescriberId", p.name AS "prescriberName", c.organisation_id AS "communeOrganisationId"`;
const userJoins = (userId: string) => `JOIN user_account u ON u.id = ${userId}
  LEFT JOIN prescriber p ON p.organisation_id = u.organisation_id
  LEFT JOIN commune c ON c.insee_code = p.insee_code`;
