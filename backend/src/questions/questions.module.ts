import { Module } from '@nestjs/common';
import { AiProviderModule } from '../ai/ai-provider.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { QuestionRateLimit } from './question-rate-limit.js';
import { QuestionReports } from './question-reports.js';
import { QuestionsController } from './questions.controller.js';
import { QuestionsService } from './questions.service.js';

/** Questions in plain language, answered by the reports engine through a report query object. */
@Module({
  imports: [AiProviderModule, ReportsModule, SitesModule, GoalsModule],
  controllers: [QuestionsController],
  providers: [QuestionsService, QuestionReports, QuestionRateLimit],
  exports: [QuestionsService],
})
export class QuestionsModule {}
