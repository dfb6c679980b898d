import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { UserResponseDto, UserWithPasswordDto } from './dto/user-response.dto.js';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { CreateUserDto, UpdateUserDto, UserIdParamDto } from './dto/user.dto.js';
import { Role } from './role.js';
import type { User } from './user.entity.js';
import { UsersService, type UserResponse, type UserWithPassword } from './users.service.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** Managing users is the owners' (a new user and a reset get a one-time password, shown in that answer only). */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Requires(Role.Owner)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserResponseDto] })
  list(): Promise<UserResponse[]> {
    return this.users.list();
  }

  @Post()
  @ApiCreatedResponse({ type: UserWithPasswordDto })
  create(
    @CurrentUser() actor: User,
    @Body() { email, role, siteIds }: CreateUserDto,
  ): Promise<UserWithPassword> {
    return this.users.create(actor, email, role, siteIds);
  }

  @Get(':userId')
  @ApiOkResponse({ type: UserResponseDto })
  get(@Param() { userId }: UserIdParamDto): Promise<UserResponse> {
    return this.users.get(userId);
  }

  @Patch(':userId')
  @ApiOkResponse({ type: UserResponseDto })
  update(
    @CurrentUser() actor: User,
    @Param() { userId }: UserIdParamDto,
    @Body() changes: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, userId, changes);
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(@CurrentUser() actor: User, @Param() { userId }: UserIdParamDto): Promise<void> {
    return this.users.remove(actor, userId);
  }

  @Post(':userId/password-reset')
  @HttpCode(200)
  @ApiOkResponse({ type: UserWithPasswordDto })
  resetPassword(@CurrentUser() actor: User, @Param() { userId }: UserIdParamDto): Promise<UserWithPassword> {
    return this.users.resetPassword(actor, userId);
  }
}
