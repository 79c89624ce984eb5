import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isTrainedAgent, todayInParis } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type {
  CreateTrainingDto,
  ListTrainingsQueryDto,
  TrainingResponseDto,
  UpdateTrainingDto,
} from './dto/training.dto.js';
import type { Training } from './training.entity.js';
import { TrainingException, TrainingExceptionCode } from './training.exception.js';
import {
  type AttendeeRow,
  TrainingsRepository,
  type TrainingVisibility,
} from './trainings.repository.js';

const SORTABLE = { date: 'date', createdAt: 'createdAt' } as const;

/** What a hand-out needs to know of its programme. */
export interface HandOutProgramme {
  id: string;
  requireTrainedAgent: boolean;
}

/**
 * Trainings of prescriber agents, and whether an agent is trained (libs/domain isTrainedAgent).
 * The programme owner sees and records every training; a commune's référents those attended by
 * agents of their commune's structures, and of their attendees only those agents.
 */
@Injectable()
export class TrainingsService {
  constructor(
    private readonly trainings: TrainingsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(
    principal: Principal,
    query: ListTrainingsQueryDto,
  ): Promise<Page<TrainingResponseDto>> {
    const page = await paginate(query, SORTABLE, { date: 'DESC' }, (order, skip, take) =>
      this.trainings.findPage(visibilityOf(principal), query.filter ?? {}, order, skip, take),
    );
    const attendees = await this.trainings.attendees(page.data.map((t) => t.id));
    return {
      data: page.data.map((t) => view(principal, t, attendees.get(t.id) ?? [])),
      meta: page.meta,
    };
  }

  async get(
    principal: Principal,
    id: string,
    manager?: EntityManager,
  ): Promise<TrainingResponseDto> {
    const training = await this.find(principal, id, manager);
    const attendees = await this.trainings.attendees([id], manager);
    return view(principal, training, attendees.get(id) ?? []);
  }

  create(actor: Principal, input: CreateTrainingDto): Promise<TrainingResponseDto> {
    assertNotInFuture(input.date);
    return this.dataSource.transaction(async (manager) => {
      await this.assertAgents(manager, actor, input.attendeeIds);
      const { attendeeIds, ...fields } = input;
      const saved = await this.trainings.save(manager, fields);
      await this.trainings.replaceAttendees(manager, saved.id, attendeeIds);
      await this.audit.record(manager, actor, {
        action: 'training.created',
        entityType: 'training',
        entityId: saved.id,
        after: { ...fields, attendeeIds },
      });
      return this.get(actor, saved.id, manager);
    });
  }

  update(actor: Principal, id: string, input: UpdateTrainingDto): Promise<TrainingResponseDto> {
    if (input.date !== undefined) assertNotInFuture(input.date);
    return this.dataSource.transaction(async (manager) => {
      const training = await this.find(actor, id, manager);
      const current = (await this.trainings.attendees([id], manager)).get(id) ?? [];
      const before = auditView(training, current);
      const { attendeeIds, ...fields } = input;
      // A training attended by agents the caller does not manage (another commune's) decides
      // their trained status too: only the programme team changes its date, trainer or topics.
      // Compared as a form sends them back: topics in any order, names with stray spaces.
      const same = (value: unknown) =>
        JSON.stringify(
          Array.isArray(value)
            ? [...(value as string[])].sort()
            : typeof value === 'string'
              ? value.trim()
              : value,
        );
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
        (field) => same(fields[field]) !== same(training[field]),
      );
      const shared = current.some((a) => !sees(actor, a));
      if (changed.length > 0 && shared) {
        throw new TrainingException(
          TrainingExceptionCode.TRAINING_SHARED,
          "This training was attended by other communes' agents: only the programme team changes its date, trainer or topics. You may change which of your agents attended.",
          changed.map((field) => ({ field, message: 'shared with other communes' })),
        );
      }
      let attendees = current.map((a) => a.userId);
      if (attendeeIds !== undefined) {
        await this.assertAgents(manager, actor, attendeeIds);
        // The attendees the caller cannot see (other communes' agents) stay.
        const kept = current.filter((a) => !sees(actor, a)).map((a) => a.userId);
        attendees = [...new Set([...kept, ...attendeeIds])];
        await this.trainings.replaceAttendees(manager, id, attendees);
      }
      const saved = await this.trainings.save(manager, { ...training, ...(shared ? {} : fields) });
      await this.audit.record(manager, actor, {
        action: 'training.updated',
        entityType: 'training',
        entityId: id,
        before,
        after: { ...auditView(saved), attendeeIds: attendees },
      });
      return this.get(actor, id, manager);
    });
  }

  /** Which of these users are trained agents on `today` (a calendar day in Paris). */
  async trainedAgentIds(userIds: string[], today = todayInParis()): Promise<Set<string>> {
    const dates = await this.trainings.datesAttended(userIds);
    return new Set(
      userIds.filter((id) =>
        isTrainedAgent(
          (dates.get(id) ?? []).map((date) => ({ date })),
          today,
        ),
      ),
    );
  }

  /**
   * Called by the hand-out: a programme that requires trained agents refuses an untrained
   * agent's hand-out with 403 AGENT_NOT_TRAINED. Pass the hand-out's transaction manager.
   */
  async assertMayHandOut(
    agent: { id: string },
    programme: HandOutProgramme,
    manager?: EntityManager,
    today = todayInParis(),
  ): Promise<void> {
    if (!programme.requireTrainedAgent) return;
    const dates = (await this.trainings.datesAttended([agent.id], manager)).get(agent.id) ?? [];
    if (
      !isTrainedAgent(
        dates.map((date) => ({ date })),
        today,
      )
    ) {
      throw new TrainingException(
        TrainingExceptionCode.AGENT_NOT_TRAINED,
        `Programme ${programme.id} requires trained agents: attend a training before handing out carnets.`,
      );
    }
  }

  private async find(principal: Principal, id: string, manager?: EntityManager): Promise<Training> {
    const training = await this.trainings.findById(id, visibilityOf(principal), manager);
    if (!training) {
      throw new TrainingException(TrainingExceptionCode.TRAINING_NOT_FOUND, `No training ${id}.`);
    }
    return training;
  }

  /** Every attendee is a prescriber agent the caller manages (a référent: of its commune). */
  private async assertAgents(
    manager: EntityManager,
    actor: Principal,
    userIds: string[],
  ): Promise<void> {
    const users = new Map((await this.trainings.users(manager, userIds)).map((u) => [u.userId, u]));
    const refused = userIds
      .map((id, index) => ({ user: users.get(id), index }))
      .filter(
        ({ user }) =>
          !user || user.role !== 'PRESCRIBER_AGENT' || !user.prescriberId || !sees(actor, user),
      );
    if (refused.length > 0) {
      throw new TrainingException(
        TrainingExceptionCode.TRAINING_ATTENDEE_NOT_AGENT,
        'Every attendee must be a prescriber agent of a structure you manage.',
        refused.map(({ index }) => ({
          field: `attendeeIds[${index}]`,
          message: 'not a prescriber agent of a structure you manage',
        })),
      );
    }
  }
}

function visibilityOf(principal: Principal): TrainingVisibility {
  const scope = OrganisationScope.of(principal);
  return scope.all ? {} : { communeOrganisationId: scope.organisationId };
}

/** Whether the caller sees (and manages) this attendee: its commune's agents for a référent. */
function sees(principal: Principal, attendee: AttendeeRow): boolean {
  return OrganisationScope.of(principal).includes(attendee.communeOrganisationId);
}

function assertNotInFuture(date: string): void {
  if (date > todayInParis()) {
    throw new TrainingException(
      TrainingExceptionCode.TRAINING_DATE_IN_FUTURE,
      'A training is recorded once held: its date cannot be in the future.',
      [{ field: 'date', message: 'in the future' }],
    );
  }
}

function view(
  principal: Principal,
  training: Training,
  attendees: AttendeeRow[],
): TrainingResponseDto {
  return {
    id: training.id,
    date: training.date,
    trainerName: training.trainerName,
    topics: training.topics,
    attendees: attendees
      .filter((a) => sees(principal, a))
      .map(({ userId, displayName, prescriberId, prescriberName }) => ({
        userId,
        displayName,
        prescriberId,
        prescriberName,
      })),
    attendeeCount: attendees.length,
    createdAt: training.createdAt,
    updatedAt: training.updatedAt,
  };
}

function auditView(training: Training, attendees?: AttendeeRow[]): Record<string, unknown> {
  return {
    date: training.date,
    trainerName: training.trainerName,
    topics: training.topics,
    ...(attendees ? { attendeeIds: attendees.map((a) => a.userId) } : {}),
  };
}
