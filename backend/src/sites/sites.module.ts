import { Module } from '@nestjs/common';
import { SitesController } from './sites.controller.js';
import { SitesFileRepository } from './sites-file.repository.js';
import { SitesRepository } from './sites.repository.js';
import { SitesService } from './sites.service.js';
import { UsersModule } from '../users/users.module.js';

@Module({
  imports: [UsersModule],
  controllers: [SitesController],
  providers: [SitesService, { provide: SitesRepository, useClass: SitesFileRepository }],
  exports: [SitesService],
})
export class SitesModule {}
