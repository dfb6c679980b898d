import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { MINUTE_WINDOW } from '../metadata/minute-window.js';
import { ApiKey } from './api-key.entity.js';

export type NewApiKey = Pick<ApiKey, 'userId' | 'name' | 'prefix' | 'hash'>;

/** API keys in the metadata database, which every backend shares. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async create(key: NewApiKey): Promise<ApiKey> {
    return this.keys.save(
      this.keys.create({ ...key, lastUsedAt: null, revokedAt: null, windowStart: 0, windowRequests: 0 }),
    );
  }

  async findByHash(hash: string): Promise<ApiKey | undefined> {
    return (await this.keys.findOneBy({ hash })) ?? undefined;
  }

  /** A key not revoked. */
  async findActive(id: number): Promise<ApiKey | undefined> {
    return (await this.keys.findOneBy({ id, revokedAt: IsNull() })) ?? undefined;
  }

  /** The user's keys not revoked, oldest first. */
  listActive(userId: number): Promise<ApiKey[]> {
    return this.keys.find({ where: { userId, revokedAt: IsNull() }, order: { id: 'ASC' } });
  }

  countActive(userId: number): Promise<number> {
    return this.keys.countBy({ userId, revokedAt: IsNull() });
  }

  /** Revokes the key if it is not yet; whether this call did. */
  async revoke(id: number, at: number): Promise<boolean> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected === 1;
  }

  /**
   * Counts a request of the key in the minute starting at `minute` (ms since the epoch) unless the key is
   * revoked or has made `budget` requests in that minute; whether it was counted (MINUTE_WINDOW: atomic,
   * across every backend). A backend whose clock runs behind another's counts into the later minute it finds.
   */
  async countRequest(id: number, minute: number, budget: number, now: number): Promise<boolean> {
    const counted = await this.keys
      .createQueryBuilder()
      .update()
      .set({ ...MINUTE_WINDOW.set, lastUsedAt: now })
      .where(`id = :id AND revoked_at IS NULL AND ${MINUTE_WINDOW.fits}`, { id, minute, budget, cost: 1 })
      .execute();
    return counted.affected === 1;
  }
}
