import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiTokenGuard } from './auth/api-token.guard.js';
import { ErrorFilter } from './common/error.filter.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { ReportsModule } from './reports/reports.module.js';
import { SitesModule } from './sites/sites.module.js';

@Global()
@Module({})
class ConfigModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

@Module({})
export class AppModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.with(config), SitesModule, ReportsModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
