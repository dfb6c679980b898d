import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { UsersModule } from '../users/users.module.js';
import { DigestSubscription } from './digest-subscription.entity.js';
import { DigestsController } from './digests.controller.js';
import { DigestsRepository } from './digests.repository.js';
import { DigestsService } from './digests.service.js';
import { WeeklyDigests } from './weekly-digests.js';

/** Weekly email digests per user and site, opted in by each user. */
@Module({
  imports: [
    TypeOrmModule.forFeature([DigestSubscription]),
    MailModule,
    ReportsModule,
    SitesModule,
    UsersModule,
  ],
  controllers: [DigestsController],
  providers: [DigestsRepository, DigestsService, WeeklyDigests],
  exports: [DigestsService],
})
export class DigestsModule {}
