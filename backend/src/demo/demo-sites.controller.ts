import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import type { DemoSiteStatus } from './demo-site-status.js';
import { DemoSites } from './demo-sites.service.js';
import { CreateDemoSiteDto, DemoSiteStatusDto } from './dto/demo-site.dto.js';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class DemoSitesController {
  constructor(private readonly demos: DemoSites) {}

  /**
   * Adds a demo site: a shop with two months (DEMO_SITE.days) of generated traffic and three goals, to see every report before
   * a site of your own sends anything. Its traffic is written in the background (202): follow it at
   * `:siteId/demo`. Delete it as any site.
   */
  @Requires(Role.Admin)
  @Post('demo')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DemoSiteStatusDto })
  create(@CurrentUser() user: User, @Body() { events }: CreateDemoSiteDto): Promise<DemoSiteStatus> {
    return this.demos.create(user, events);
  }

  /** How far a demo site's traffic has come. */
  @Requires(Role.Viewer, { site: true })
  @Get(':siteId/demo')
  @ApiOkResponse({ type: DemoSiteStatusDto })
  status(@Param() { siteId }: SiteIdParamDto): DemoSiteStatus {
    return this.demos.status(siteId);
  }
}
