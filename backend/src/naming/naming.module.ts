import { Module } from '@nestjs/common';
import { AiProviderModule } from '../ai/ai-provider.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { HotStateModule } from '../hot-state/hot-state.module.js';
import { ActionNamesController } from './action-names.controller.js';
import { ActionNamesService } from './action-names.service.js';
import { NameStore } from './name-store.js';
import { NamingWorker } from './naming-worker.js';

/** Names of autocaptured actions: the AI naming worker, and people's renames. */
@Module({
  imports: [AiProviderModule, AuditModule, ClickHouseModule, HotStateModule],
  controllers: [ActionNamesController],
  providers: [NameStore, NamingWorker, ActionNamesService],
})
export class NamingModule {}
