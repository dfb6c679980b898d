import { Module } from '@nestjs/common';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { StoredSecret } from './stored-secret.entity.js';

/** Injection token of the backends' signing secret (access tokens; keys derived from it). */
export const SIGNING_SECRET = Symbol('SigningSecret');

/**
 * SLUICE_JWT_SECRET, else one generated on the first start and kept in the metadata database, so every
 * backend sharing it signs with the same: backends starting together each insert one, the first wins
 * (`INSERT … ON CONFLICT DO NOTHING`), and all read that.
 */
async function signingSecret(config: AppConfig, secrets: Repository<StoredSecret>): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  await secrets
    .createQueryBuilder()
    .insert()
    .values({ name: 'jwt', value: randomBytes(32).toString('base64url') })
    .orIgnore()
    .execute();
  return (await secrets.findOneByOrFail({ name: 'jwt' })).value;
}

@Module({
  imports: [TypeOrmModule.forFeature([StoredSecret])],
  providers: [
    {
      provide: SIGNING_SECRET,
      inject: [APP_CONFIG, getRepositoryToken(StoredSecret)],
      useFactory: signingSecret,
    },
  ],
  exports: [SIGNING_SECRET],
})
export class SigningSecretModule {}
