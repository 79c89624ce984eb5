import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { agentInvitationProblems } from '#src/auth/dto/account-link.dto.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { AgentsService } from './agents.service.js';
import {
  AgentListResponseDto,
  AgentResponseDto,
  InviteAgentDto,
  ListAgentsQueryDto,
} from './dto/agent.dto.js';

/**
 * A structure's agents, managed by the programme team and by the référents of the structure's
 * own commune (another commune's structure answers 404 PRESCRIBER_NOT_FOUND).
 */
@ApiTags('prescribers')
@ApiBearerAuth()
@Controller('prescribers/:id/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  /** The structure's agents, with whether each is trained (attended a training). */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Query() query: ListAgentsQueryDto,
  ): Promise<AgentListResponseDto> {
    return this.agents.list(principal, id, query);
  }

  /**
   * Invites an agent: creates a PRESCRIBER_AGENT account in the structure. Without `password`,
   * the agent receives an e-mail with a single-use link to choose theirs (409 MAIL_NOT_CONFIGURED
   * without a mail server); with one (at least 12 characters), the inviter hands it over.
   */
  @Post()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: InviteAgentDto,
  ): Promise<AgentResponseDto> {
    return this.agents.invite(principal, id, body);
  }

  /**
   * Sends the invitation e-mail again (a new link; the former ones stop working), to an agent who
   * has not chosen a password yet.
   */
  @Post(':userId/invitation')
  @HttpCode(HttpStatus.OK)
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  @ApiProblems(
    '/api/v1/prescribers/2a4c6e80-1b3d-4f5a-8c7e-9d0f1a2b3c4d/agents/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/invitation',
    agentInvitationProblems(),
  )
  resendInvitation(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('userId', ParseUuid) userId: string,
  ): Promise<AgentResponseDto> {
    return this.agents.resendInvitation(principal, id, userId);
  }

  /** Disables an agent: it can no longer sign in, and its open sessions stop at once. */
  @Post(':userId/disable')
  @HttpCode(HttpStatus.OK)
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  disable(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('userId', ParseUuid) userId: string,
  ): Promise<AgentResponseDto> {
    return this.agents.setActive(principal, id, userId, false);
  }

  /** Enables a disabled agent again. */
  @Post(':userId/enable')
  @HttpCode(HttpStatus.OK)
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  enable(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('userId', ParseUuid) userId: string,
  ): Promise<AgentResponseDto> {
    return this.agents.setActive(principal, id, userId, true);
  }
}
