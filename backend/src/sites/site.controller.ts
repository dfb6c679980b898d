import { Controller, Get } from '@nestjs/common';
import { toSiteResponse } from './site.js';
import { SiteService } from './site.service.js';

@Controller('sites')
export class SiteController {
  constructor(private readonly sites: SiteService) {}

  @Get()
  list() {
    return this.sites.list().map(toSiteResponse);
  }
}
