import { PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CreateUserDto } from '#src/auth/dto/user.dto.js';
import { ListQueryDto, type PageMetaDto } from '#src/common/pagination.dto.js';
import { Optional } from '#src/common/validators.js';

/**
 * An agent invited into a structure: a PRESCRIBER_AGENT account. Without a password, the agent
 * receives an invitation e-mail with a single-use link to choose theirs; with one, the inviter
 * hands it over. Same rules as any account (users module).
 */
export class InviteAgentDto extends PickType(CreateUserDto, ['email', 'displayName', 'password']) {}

export class AgentFilterDto {
  /** Text found in the e-mail or the name. @example "benali" */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** @example true */
  @Optional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

/** Sortable fields: `displayName`, `email`, `createdAt`. */
export class ListAgentsQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => AgentFilterDto)
  filter?: AgentFilterDto;
}

export class AgentResponseDto {
  id!: string;
  /** @example "agent.ccas@lens.fr" */
  email!: string;
  /** @example "Nadia Benali" */
  displayName!: string;
  /** A disabled agent can no longer sign in. */
  active!: boolean;
  /** Attended at least one training held on or before today. */
  trained!: boolean;
  /** True while the agent has not chosen a password yet: the invitation can be resent. */
  invitationPending!: boolean;
  lastLoginAt!: Date | null;
  createdAt!: Date;
}

export class AgentListResponseDto {
  data!: AgentResponseDto[];
  meta!: PageMetaDto;
}
