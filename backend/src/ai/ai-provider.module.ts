import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AiProviderController } from './ai-provider.controller.js';
import { AiProviderRecord } from './ai-provider.entity.js';
import { AiProviderRepository } from './ai-provider.repository.js';
import { PROVIDER_KEY_KEY, providerKeyKey } from './provider-key-secret.js';
import { ProviderSettingsService } from './provider-settings.service.js';

/** The install's language model (`ProviderSettingsService.current()`), for the naming worker and the questions box. */
@Module({
  imports: [TypeOrmModule.forFeature([AiProviderRecord]), AuditModule],
  controllers: [AiProviderController],
  providers: [
    AiProviderRepository,
    ProviderSettingsService,
    {
      provide: PROVIDER_KEY_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => providerKeyKey(config),
    },
  ],
  exports: [ProviderSettingsService],
})
export class AiProviderModule {}
