import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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

  /** Creates a user in an organisation whose kind fits the role (e.g. VENUE_STAFF in a venue). */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateUserDto,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.usersService.create(principal, body));
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
