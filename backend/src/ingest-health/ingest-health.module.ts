import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module.js';
import { IngestHealthController } from './ingest-health.controller.js';
import { IngestHealthService } from './ingest-health.service.js';

@Module({
  imports: [SitesModule],
  controllers: [IngestHealthController],
  providers: [IngestHealthService],
  exports: [IngestHealthService],
})
export class IngestHealthModule {}
