import { ROLES, type Role } from '@carnet/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { User } from '../user.entity.js';
import { Optional } from '#src/common/validators.js';

export class CreateUserDto {
  /** Login, stored lower-cased. @example "agent.ccas@lens.fr" */
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** @example "Nadia Benali" */
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName!: string;

  /**
   * An initial password (at least 12 characters) to hand over yourself. Leave it out to invite:
   * the user then receives an e-mail with a single-use link (valid INVITATION_TTL_DAYS, 7 days by
   * default) to choose their own password; 409 MAIL_NOT_CONFIGURED when the API has no mail server.
   * @example "correct-horse-battery"
   */
  @Optional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;

  /** The organisation the user works for; its kind must fit the role. */
  @IsUUID()
  organisationId!: string;
}

export class UpdateUserDto {
  /** @example "Nadia Benali" */
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  /** A disabled user can no longer sign in; open sessions stop at their next request. */
  @Optional()
  @IsBoolean()
  active?: boolean;

  /** A new password (at least 12 characters). */
  @Optional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;
}

export class UserFilterDto {
  /** Text found in the e-mail or the name. @example "martin" */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @Optional()
  @IsUUID()
  organisationId?: string;

  @Optional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

/** Sortable fields: `email`, `displayName`, `role`, `createdAt`. */
export class ListUsersQueryDto extends ListQueryDto {
  /** `filter[q]=…&filter[role]=…&filter[organisationId]=…&filter[active]=true` */
  @Optional()
  @ValidateNested()
  @Type(() => UserFilterDto)
  filter?: UserFilterDto;
}

export class UserResponseDto {
  id!: string;
  /** @example "agent.ccas@lens.fr" */
  email!: string;
  /** @example "Nadia Benali" */
  displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
  organisationId!: string;
  /** @example "CCAS de Lens" */
  organisationName!: string;
  active!: boolean;
  /** True while the user has not chosen a password yet (invited): an invitation can be resent. */
  invitationPending!: boolean;
  lastLoginAt!: Date | null;
  createdAt!: Date;

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisationId,
      organisationName: user.organisation?.name ?? '',
      active: user.active,
      invitationPending: user.passwordHash === null,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
    };
  }
}

export class UserListResponseDto {
  data!: UserResponseDto[];
  meta!: PageMetaDto;
}
