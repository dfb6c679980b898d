import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { FeatureFlag } from './feature-flag.entity.js';
import { FeatureFlagsController } from './feature-flags.controller.js';
import { FeatureFlagsRepository } from './feature-flags.repository.js';
import { FeatureFlagsService } from './feature-flags.service.js';
import { FlagsPublisher } from './flags-publisher.js';

/** Feature flags per site, managed through the API and published for the edge, which serves them to pages. */
@Module({
  imports: [TypeOrmModule.forFeature([FeatureFlag]), AuditModule],
  controllers: [FeatureFlagsController],
  providers: [FeatureFlagsRepository, FeatureFlagsService, FlagsPublisher],
  exports: [FeatureFlagsService],
})
export class FeatureFlagsModule {}
