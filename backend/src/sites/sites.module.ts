import { Module } from '@nestjs/common';
import { SiteController } from './site.controller.js';
import { SiteService } from './site.service.js';
import { SitesFileRepository } from './sites-file.repository.js';

@Module({
  controllers: [SiteController],
  providers: [SiteService, SitesFileRepository],
  exports: [SiteService],
})
export class SitesModule {}
