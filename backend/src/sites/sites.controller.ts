import { Controller, Get } from '@nestjs/common';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { toSiteResponse, type SiteResponse } from './site.js';
import { SitesService } from './sites.service.js';

@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  /** The sites the user may see. */
  @Requires(Role.Viewer)
  @Get()
  async list(@CurrentUser() user: User): Promise<SiteResponse[]> {
    return (await this.sites.visibleTo(user)).map(toSiteResponse);
  }
}
