import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { SignedInRoutes } from '../common/api-responses.js';
import { UserIdParamDto } from '../users/dto/user.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { ApiKeysService } from './api-keys.service.js';
import {
  ApiKeyIdParamDto,
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from './dto/api-key.dto.js';

/**
 * A signed-in user's API keys, for reading reports from scripts and dashboards. Managed with the user's
 * own session only: an API key itself is refused here, as on every route but the reports.
 */
@SignedInRoutes('api-keys')
@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The answer holds the key, shown this once. It reads, through the report routes, the sites you may read at the time of each request, as a viewer, within a budget of requests per minute.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiBadRequestResponse({ description: 'name is not 1 to 100 characters' })
  @ApiConflictResponse({ description: 'You hold the most keys a user may (25): revoke one first' })
  @Requires(Role.Viewer)
  @Post('api-keys')
  create(@CurrentUser() user: User, @Body() { name }: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.keys.create(user, name);
  }

  @ApiOperation({ summary: 'Your API keys not revoked, oldest first (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  @Requires(Role.Viewer)
  @Get('api-keys')
  list(@CurrentUser() user: User): Promise<ApiKeyResponse[]> {
    return this.keys.listOwn(user);
  }

  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Your own, or (owners) anyone’s. It is refused from the next request on, on every backend.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such key not yet revoked, or another user’s (to a non-owner)' })
  @Requires(Role.Viewer)
  @Delete('api-keys/:keyId')
  @HttpCode(204)
  revoke(@CurrentUser() user: User, @Param() { keyId }: ApiKeyIdParamDto): Promise<void> {
    return this.keys.revoke(user, keyId);
  }

  @ApiOperation({ summary: 'A user’s API keys not revoked (owners), to revoke one' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  @ApiNotFoundResponse({ description: 'No such user' })
  @Requires(Role.Owner)
  @Get('users/:userId/api-keys')
  listOf(@Param() { userId }: UserIdParamDto): Promise<ApiKeyResponse[]> {
    return this.keys.listOf(userId);
  }
}
