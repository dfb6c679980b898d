import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { ApiKeySecrets } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';

const MINUTE_MS = 60_000;

/**
 * The user an API key acts for, on a route that takes keys (access.decorator.ts, `apiKey`): a key that is
 * known and not revoked, of a user who still exists, within its budget of requests this minute. Which sites
 * it reads is decided afterwards, like a signed-in user's, by what the user may read now. The key itself is
 * never put in a message.
 */
@Injectable()
export class ApiKeyAuth {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async user(credential: string): Promise<User> {
    const hash = this.secrets.hashOf(credential);
    const key = hash === undefined ? undefined : await this.keys.findByHash(hash);
    if (!key) throw unknown();
    if (key.revokedAt !== null) throw revoked();
    await this.count(key.id);
    const user = await this.users.findById(key.userId);
    // A deleted user's keys go with the user; this covers a deletion between the two reads.
    if (!user) throw unknown();
    return user;
  }

  /** Counts the request against the key's budget for this minute; 429 with Retry-After past it. */
  private async count(id: number): Promise<void> {
    const now = Date.now();
    const minute = now - (now % MINUTE_MS);
    const budget = this.config.apiKeyRequestsPerMinute;
    if (await this.keys.countRequest(id, minute, budget, now)) return;
    // Not counted: revoked meanwhile, or the minute's budget is spent (in the minute the row holds).
    const key = await this.keys.findActive(id);
    if (!key) throw revoked();
    const seconds = Math.max(1, Math.ceil((Math.max(key.windowStart, minute) + MINUTE_MS - now) / 1000));
    throw new DomainError(
      ErrorCode.TooManyRequests,
      `this API key made its ${budget} requests of this minute: try again in ${seconds} seconds`,
      { 'Retry-After': String(seconds) },
    );
  }
}

const unknown = () =>
  new DomainError(
    ErrorCode.ApiKeyInvalid,
    'this API key is unknown: check it was copied whole (the keys of a deleted user are gone too)',
  );

const revoked = () =>
  new DomainError(ErrorCode.ApiKeyInvalid, 'this API key was revoked: create a new one (POST /api/api-keys)');
