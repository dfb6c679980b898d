import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { FIELD_RULE_BROKEN, SignedInRoutes } from '../common/api-responses.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import {
  ProviderSettingsDto,
  ProviderSettingsResponse,
  ProviderTestDto,
  ProviderTestResponse,
} from './dto/provider-settings.dto.js';
import { ProviderSettingsService } from './provider-settings.service.js';

const OWNERS_ONLY = 'Not an owner';

/** The install's language model: read by anyone signed in (never the key), changed and tested by owners. */
@SignedInRoutes('ai')
@Controller('ai/provider')
export class AiProviderController {
  constructor(private readonly provider: ProviderSettingsService) {}

  @ApiOperation({ summary: 'The AI provider: whether one is configured, which, and whether a key is set' })
  @ApiOkResponse({ type: ProviderSettingsResponse })
  @Requires(Role.Viewer)
  @Get()
  view(): Promise<ProviderSettingsResponse> {
    return this.provider.view();
  }

  @ApiOperation({
    summary: 'Configure the AI provider',
    description: 'The key is stored encrypted (AES-256-GCM); leave apiKey out to keep the stored one.',
  })
  @ApiOkResponse({ type: ProviderSettingsResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @ApiForbiddenResponse({ description: OWNERS_ONLY })
  @Requires(Role.Owner)
  @Put()
  update(@CurrentUser() user: User, @Body() dto: ProviderSettingsDto): Promise<ProviderSettingsResponse> {
    return this.provider.update(user, dto);
  }

  @ApiOperation({ summary: 'Remove the AI provider: names become heuristic, questions unavailable' })
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  @ApiForbiddenResponse({ description: OWNERS_ONLY })
  @Requires(Role.Owner)
  @Delete()
  @HttpCode(204)
  remove(@CurrentUser() user: User): Promise<void> {
    return this.provider.remove(user);
  }

  @ApiOperation({
    summary: 'Test a connection',
    description:
      'Sends a tiny prompt to the configuration given over the stored one; answers ok with the latency, or the provider’s error.',
  })
  @ApiOkResponse({ type: ProviderTestResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @ApiForbiddenResponse({ description: OWNERS_ONLY })
  @Requires(Role.Owner)
  @Post('test')
  @HttpCode(200)
  test(@Body() dto: ProviderTestDto): Promise<ProviderTestResponse> {
    return this.provider.test(dto);
  }
}
