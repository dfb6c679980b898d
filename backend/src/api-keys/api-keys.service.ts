import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { ApiKey } from './api-key.entity.js';
import { ApiKeySecrets } from './api-key-secret.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.dto.js';

/** Keys a user may hold at once: enough for every script and dashboard, not a table that grows unbounded. */
const MAX_KEYS_PER_USER = 25;

/**
 * A user's API keys: created (the key shown in that answer only), listed (never the key), revoked. Each
 * user manages their own; an owner may revoke anyone's. Another user's key looks like no key at all.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async create(user: User, name: string): Promise<CreatedApiKeyResponse> {
    // Two creations at once may both pass this check: the limit bounds growth, it need not be exact.
    if ((await this.keys.countActive(user.id)) >= MAX_KEYS_PER_USER)
      throw new DomainError(
        ErrorCode.Conflict,
        `you have ${MAX_KEYS_PER_USER} API keys, the most a user may hold: revoke one you no longer use`,
      );
    const { key, prefix, hash } = this.secrets.generate();
    const created = await this.keys.create({ userId: user.id, name, prefix, hash });
    await this.audit.record(actorOf(user), 'api_key.create', `api_key:${created.id}`, {
      name,
      prefix,
      userId: user.id,
    });
    return { ...toResponse(created), key };
  }

  async listOwn(user: User): Promise<ApiKeyResponse[]> {
    return (await this.keys.listActive(user.id)).map(toResponse);
  }

  /** An owner's view of another user's keys (to revoke one). */
  async listOf(userId: number): Promise<ApiKeyResponse[]> {
    await this.users.get(userId);
    return (await this.keys.listActive(userId)).map(toResponse);
  }

  async revoke(actor: User, id: number): Promise<void> {
    const key = await this.keys.findActive(id);
    if (!key || (key.userId !== actor.id && actor.role !== Role.Owner))
      throw new DomainError(ErrorCode.NotFound, `API key ${id} not found`);
    // A revocation racing another of the same key records once.
    if (!(await this.keys.revoke(id, Date.now()))) return;
    await this.audit.record(actorOf(actor), 'api_key.revoke', `api_key:${id}`, {
      name: key.name,
      prefix: key.prefix,
      userId: key.userId,
    });
  }
}

const toResponse = (key: ApiKey): ApiKeyResponse => ({
  id: key.id,
  userId: key.userId,
  name: key.name,
  prefix: key.prefix,
  createdAt: new Date(key.createdAt).toISOString(),
  lastUsedAt: key.lastUsedAt === null ? null : new Date(key.lastUsedAt).toISOString(),
});
