import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires, SiteAdminChange } from '../auth/access.decorator.js';
import { SignedInRoutes, missingFromSite } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import {
  CreateFeatureFlagDto,
  FeatureFlagResponse,
  FlagIdParamDto,
  toFeatureFlagResponse,
  UpdateFeatureFlagDto,
} from './dto/feature-flag.dto.js';
import { FeatureFlagsService } from './feature-flags.service.js';

const NO_FLAG = missingFromSite('flag');
const TAKEN = 'The site already has a flag with this key, or already has 100 flags';
const PUBLISHED =
  'Published for the edge before the answer: pages see it within a minute (docs/operations.md)';

/** A site's feature flags: read by its viewers, managed by its admins; each change is in the audit log. */
@SignedInRoutes('flags')
@Controller('sites/:siteId/flags')
export class FeatureFlagsController {
  constructor(private readonly flags: FeatureFlagsService) {}

  @ApiOperation({ summary: "The site's feature flags, by key" })
  @ApiOkResponse({ type: [FeatureFlagResponse] })
  @ApiNotFoundResponse({ description: NO_FLAG })
  @Requires(Role.Viewer, { site: true })
  @Get()
  async list(@Param() { siteId }: SiteIdParamDto): Promise<FeatureFlagResponse[]> {
    return (await this.flags.list(siteId)).map(toFeatureFlagResponse);
  }

  @ApiOperation({ summary: 'Create a feature flag', description: PUBLISHED })
  @ApiCreatedResponse({ type: FeatureFlagResponse })
  @ApiConflictResponse({ description: TAKEN })
  @SiteAdminChange(NO_FLAG)
  @Post()
  async create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateFeatureFlagDto,
  ): Promise<FeatureFlagResponse> {
    return toFeatureFlagResponse(await this.flags.create(user, siteId, dto));
  }

  @ApiOperation({
    summary: 'Change a feature flag (switch it, roll it out, edit variants and rules)',
    description: PUBLISHED,
  })
  @ApiOkResponse({ type: FeatureFlagResponse })
  @ApiConflictResponse({ description: TAKEN })
  @SiteAdminChange(NO_FLAG)
  @Patch(':flagId')
  async update(
    @CurrentUser() user: User,
    @Param() { siteId, flagId }: FlagIdParamDto,
    @Body() dto: UpdateFeatureFlagDto,
  ): Promise<FeatureFlagResponse> {
    return toFeatureFlagResponse(await this.flags.update(user, siteId, flagId, dto));
  }

  @ApiOperation({ summary: 'Delete a feature flag', description: PUBLISHED })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NO_FLAG })
  @Requires(Role.Admin, { site: true })
  @Delete(':flagId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, flagId }: FlagIdParamDto): Promise<void> {
    return this.flags.remove(user, siteId, flagId);
  }
}
