import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiProblems } from '#src/common/api-problems.js';
import { userInvitationProblems } from './dto/account-link.dto.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  CreateUserDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserListResponseDto,
  UserResponseDto,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  /** Lists users of every organisation. */
  @Get()
  async list(@Query() query: ListUsersQueryDto): Promise<UserListResponseDto> {
    const page = await this.usersService.list(query);
    return { data: page.data.map((u) => UserResponseDto.from(u)), meta: page.meta };
  }

  @Get(':id')
  async get(@Param('id', ParseUuid) id: string): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.usersService.get(id));
  }

  /**
   * Creates a user in an organisation whose kind fits the role (e.g. VENUE_STAFF in a venue).
   * Without `password`, the user is invited: they receive an e-mail with a single-use link to
   * choose their password (409 MAIL_NOT_CONFIGURED when the API has no mail server).
   */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateUserDto,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.usersService.create(principal, body));
  }

  /**
   * Sends the invitation e-mail again, with a new link (the former ones stop working), to a user
   * who has not chosen a password yet.
   */
  @Post(':id/invitation')
  @HttpCode(HttpStatus.OK)
  @ApiProblems(
    '/api/v1/users/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/invitation',
    userInvitationProblems(),
  )
  async resendInvitation(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.usersService.resendInvitation(principal, id));
  }

  /** Changes name, role, password or active flag. You cannot demote or disable yourself. */
  @Patch(':id')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.usersService.update(principal, id, body));
  }
}
