import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { LessThanOrEqual, Repository } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { RefreshFamily } from './refresh-family.entity.js';

/** How long a login lasts without a new password entry. */
export const SESSION_TTL_MS = 30 * 86_400_000;
/** Two tabs refreshing at once both send the token the first one rotates: the second is still honoured. */
const GRACE_MS = 10_000;
const TOKEN = /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

/** A refreshed session: the user, and the token to set as the cookie (none when another tab's answer already did). */
export interface Refreshed {
  userId: number;
  token?: string;
}

/**
 * Rotating refresh tokens (`<user>.<family>.<secret>`) in the metadata database, which every backend
 * shares, with reuse detection: a token that was already rotated, presented again after the grace
 * period, means it was copied — the whole family (that login on every tab) is revoked.
 */
@Injectable()
export class RefreshTokens {
  private readonly logger = new Logger('Sessions');

  constructor(@InjectRepository(RefreshFamily) private readonly families: Repository<RefreshFamily>) {}

  async start(userId: number): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const secret = newSecret();
    const now = Date.now();
    await this.families.insert({
      id,
      userId,
      currentHash: hash(secret),
      previousHash: null,
      rotatedAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    return `${userId}.${id}.${secret}`;
  }

  async rotate(token: string): Promise<Refreshed> {
    const [userId, id, secret] = this.parse(token);
    const presented = hash(secret);
    const now = Date.now();
    const next = newSecret();
    // Compare-and-set: of two requests presenting the current token, exactly one rotates it.
    const rotated = await this.families
      .createQueryBuilder()
      .update()
      .set({ previousHash: () => 'current_hash', currentHash: hash(next), rotatedAt: now })
      .where('id = :id AND user_id = :userId AND current_hash = :presented AND expires_at > :now', {
        id,
        userId,
        presented,
        now,
      })
      .execute();
    if (rotated.affected === 1) return { userId, token: `${userId}.${id}.${next}` };
    const family = await this.families.findOneBy({ id, userId });
    if (!family || family.expiresAt <= now)
      throw new DomainError(ErrorCode.Unauthenticated, 'the session expired: sign in again');
    if (presented === family.previousHash && now - family.rotatedAt < GRACE_MS) return { userId };
    await this.families.delete({ id });
    this.logger.warn(
      `user ${userId}: a rotated refresh token was used again; that login is signed out everywhere`,
    );
    throw new DomainError(ErrorCode.Unauthenticated, 'this session was revoked: sign in again');
  }

  /** Signs this login out (logout). Unknown tokens are ignored: the cookie is cleared either way. */
  async revoke(token: string): Promise<void> {
    const match = TOKEN.exec(token);
    if (match) await this.families.delete({ id: match[2], userId: Number(match[1]) });
  }

  /** Signs a user out everywhere: a password change or reset, a role change, the user deleted. */
  async revokeUser(userId: number): Promise<void> {
    await this.families.delete({ userId });
  }

  /** Removes the families past their time (sessions never refreshed again); how many went. */
  async removeExpired(): Promise<number> {
    return (await this.families.delete({ expiresAt: LessThanOrEqual(Date.now()) })).affected ?? 0;
  }

  private parse(token: string): [number, string, string] {
    const match = TOKEN.exec(token);
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'no session: sign in');
    return [Number(match[1]), match[2], match[3]];
  }
}
