import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SigningSecretModule } from '../auth/signing-secret.js';
import { GoalsModule } from '../goals/goals.module.js';
import { IngestHealthModule } from '../ingest-health/ingest-health.module.js';
import { MailModule } from '../mail/mail.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { AlertChannel, AlertDelivery, AlertFiring, AlertRule } from './alert.entities.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { AlertEvaluator } from './alert-evaluator.js';
import { AlertNotices } from './alert-notices.js';
import { AlertSignals } from './alert-signals.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { WebhookSecrets } from './webhook-secrets.js';

/** Alert rules per site, evaluated on a schedule over the reports engine and ingest health, and delivered. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AlertRule, AlertChannel, AlertFiring, AlertDelivery]),
    AuditModule,
    SigningSecretModule,
    GoalsModule,
    IngestHealthModule,
    MailModule,
    ReportsModule,
    SitesModule,
  ],
  controllers: [AlertsController],
  providers: [
    AlertsRepository,
    AlertsService,
    AlertSignals,
    AlertNotices,
    AlertDeliveries,
    AlertEvaluator,
    WebhookSecrets,
  ],
})
export class AlertsModule {}
