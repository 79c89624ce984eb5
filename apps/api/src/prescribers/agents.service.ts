import { Injectable } from '@nestjs/common';
import type { Principal } from '#src/access/principal.js';
import { UsersRepository } from '#src/auth/users.repository.js';
import { UsersService } from '#src/auth/users.service.js';
import type { User } from '#src/auth/user.entity.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { AgentResponseDto, InviteAgentDto, ListAgentsQueryDto } from './dto/agent.dto.js';
import { PrescriberException, PrescriberExceptionCode } from './prescriber.exception.js';
import { PrescribersService } from './prescribers.service.js';
import { TrainingsService } from './trainings.service.js';

const SORTABLE = { displayName: 'displayName', email: 'email', createdAt: 'createdAt' } as const;

/**
 * The agents of a structure: PRESCRIBER_AGENT accounts of its organisation, managed by the
 * programme owner and by the référents of the structure's own commune (never by an agent).
 * Accounts are created and changed through the users module, so that password rules, hashing,
 * e-mail uniqueness, closing sessions and the audit trail stay in one place.
 */
@Injectable()
export class AgentsService {
  constructor(
    private readonly prescribers: PrescribersService,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly trainings: TrainingsService,
  ) {}

  async list(
    actor: Principal,
    prescriberId: string,
    query: ListAgentsQueryDto,
  ): Promise<Page<AgentResponseDto>> {
    const structure = await this.prescribers.getManaged(actor, prescriberId);
    const page = await paginate(query, SORTABLE, { displayName: 'ASC' }, (order, skip, take) =>
      this.usersRepository.findPage(
        { ...query.filter, organisationId: structure.organisationId, role: 'PRESCRIBER_AGENT' },
        order,
        skip,
        take,
      ),
    );
    const trained = await this.trainings.trainedAgentIds(page.data.map((u) => u.id));
    return { data: page.data.map((u) => view(u, trained.has(u.id))), meta: page.meta };
  }

  async invite(
    actor: Principal,
    prescriberId: string,
    input: InviteAgentDto,
  ): Promise<AgentResponseDto> {
    const structure = await this.prescribers.getManaged(actor, prescriberId);
    const user = await this.users.create(actor, {
      ...input,
      role: 'PRESCRIBER_AGENT',
      organisationId: structure.organisationId,
    });
    return view(user, false);
  }

  /** Sends a new invitation e-mail to an agent of the structure who has no password yet. */
  async resendInvitation(
    actor: Principal,
    prescriberId: string,
    userId: string,
  ): Promise<AgentResponseDto> {
    await this.agentOf(actor, prescriberId, userId);
    const user = await this.users.resendInvitation(actor, userId);
    const trained = await this.trainings.trainedAgentIds([userId]);
    return view(user, trained.has(userId));
  }

  /** Disables (closing every session of the agent) or enables again an agent of the structure. */
  async setActive(
    actor: Principal,
    prescriberId: string,
    userId: string,
    active: boolean,
  ): Promise<AgentResponseDto> {
    await this.agentOf(actor, prescriberId, userId);
    const saved = await this.users.update(actor, userId, { active });
    const trained = await this.trainings.trainedAgentIds([userId]);
    return view(saved, trained.has(userId));
  }

  /** The agent `userId` of a structure the caller manages, or AGENT_NOT_FOUND. */
  private async agentOf(actor: Principal, prescriberId: string, userId: string): Promise<User> {
    const structure = await this.prescribers.getManaged(actor, prescriberId);
    const agent = await this.usersRepository.findById(userId);
    if (
      !agent ||
      agent.organisationId !== structure.organisationId ||
      agent.role !== 'PRESCRIBER_AGENT'
    ) {
      throw new PrescriberException(
        PrescriberExceptionCode.AGENT_NOT_FOUND,
        `No agent ${userId} in this structure.`,
      );
    }
    return agent;
  }
}

function view(user: User, trained: boolean): AgentResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    trained,
    invitationPending: user.passwordHash === null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}
