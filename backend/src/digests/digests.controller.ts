import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { NO_SITE, SignedInRoutes } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { DigestsService } from './digests.service.js';
import { DigestSettingDto, DigestSettingResponse } from './dto/digest.dto.js';

/** The signed-in user's own opt-in to a site's weekly digest (any reader of the site). */
@SignedInRoutes('digests')
@ApiNotFoundResponse({ description: NO_SITE })
@Controller('sites/:siteId/digest')
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @ApiOperation({ summary: 'Whether I get this site’s weekly digest' })
  @ApiOkResponse({ type: DigestSettingResponse })
  @Requires(Role.Viewer, { site: true })
  @Get()
  get(@CurrentUser() user: User, @Param() { siteId }: SiteIdParamDto): Promise<DigestSettingResponse> {
    return this.digests.setting(user, siteId);
  }

  @ApiOperation({
    summary: 'Turn my weekly digest of this site on or off',
    description:
      'Off by default. The first digest is of the next whole week (Monday to Sunday, site’s zone).',
  })
  @ApiOkResponse({ type: DigestSettingResponse })
  @ApiBadRequestResponse({ description: 'subscribed is not a boolean, or no SMTP server is configured' })
  @Requires(Role.Viewer, { site: true })
  @Put()
  set(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() { subscribed }: DigestSettingDto,
  ): Promise<DigestSettingResponse> {
    return this.digests.set(user, siteId, subscribed);
  }
}
