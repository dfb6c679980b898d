import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SigningSecretModule } from '../auth/signing-secret.js';
import { UsersModule } from '../users/users.module.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyAuth } from './api-key-auth.js';
import { ApiKeySecrets } from './api-key-secret.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/** Users' API keys: managed through the API, accepted by the report routes (AccessGuard, through BearerAuth). */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), UsersModule, AuditModule, SigningSecretModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeySecrets, ApiKeysService, ApiKeyAuth],
  exports: [ApiKeyAuth],
})
export class ApiKeysModule {}
