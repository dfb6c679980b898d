import { Controller, Get } from '@nestjs/common';
import { toSiteResponse, type SiteResponse } from './site.js';
import { SitesService } from './sites.service.js';

@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  async list(): Promise<SiteResponse[]> {
    return (await this.sites.list()).map(toSiteResponse);
  }
}
