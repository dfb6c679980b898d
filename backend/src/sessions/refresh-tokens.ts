import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { StateStore, type Expiring } from '../state/state-store.js';

/**
 * One login's chain of refresh tokens. Only hashes are kept: a copy of the state store signs no one in.
 * `previous` stays valid for GRACE_MS after a rotation, for the other tab that sent it at the same moment.
 */
interface Family extends Expiring {
  userId: number;
  current: string;
  previous?: string;
  rotatedAt: number;
}

/** How long a login lasts without a new password entry. */
export const SESSION_TTL_MS = 30 * 86_400_000;
/** Two tabs refreshing at once both send the token the first one rotates: the second is still honoured. */
const GRACE_MS = 10_000;
const TOKEN = /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');
const familyKey = (userId: number, familyId: string) => `family:${userId}:${familyId}`;

/** A refreshed session: the user, and the token to set as the cookie (none when another tab's answer already did). */
export interface Refreshed {
  userId: number;
  token?: string;
}

/**
 * Rotating refresh tokens (`<user>.<family>.<secret>`) in the LMDB state, with reuse detection: a token
 * that was already rotated, presented again after the grace period, means it was copied — the whole
 * family (that login on every tab) is revoked.
 */
@Injectable()
export class RefreshTokens {
  private readonly logger = new Logger('Sessions');

  constructor(private readonly state: StateStore) {}

  start(userId: number): string {
    const familyId = randomBytes(16).toString('base64url');
    const secret = newSecret();
    const now = Date.now();
    this.state.put<Family>(familyKey(userId, familyId), {
      userId,
      current: hash(secret),
      rotatedAt: now,
      expiresAt: now + SESSION_TTL_MS,
    });
    return `${userId}.${familyId}.${secret}`;
  }

  rotate(token: string): Refreshed {
    const [userId, familyId, secret] = this.parse(token);
    const presented = hash(secret);
    const now = Date.now();
    let outcome = 'unknown' as Refreshed | 'reused' | 'unknown';
    this.state.update<Family>(familyKey(userId, familyId), (family) => {
      if (!family || family.expiresAt <= now) return undefined;
      if (presented === family.current) {
        const next = newSecret();
        outcome = { userId, token: `${userId}.${familyId}.${next}` };
        return { ...family, previous: family.current, current: hash(next), rotatedAt: now };
      }
      if (presented === family.previous && now - family.rotatedAt < GRACE_MS) {
        outcome = { userId };
        return family;
      }
      outcome = 'reused';
      return undefined;
    });
    if (outcome === 'reused') {
      this.logger.warn(
        `user ${userId}: a rotated refresh token was used again; that login is signed out everywhere`,
      );
      throw new DomainError(ErrorCode.Unauthenticated, 'this session was revoked: sign in again');
    }
    if (outcome === 'unknown')
      throw new DomainError(ErrorCode.Unauthenticated, 'the session expired: sign in again');
    return outcome;
  }

  /** Signs this login out (logout). Unknown tokens are ignored: the cookie is cleared either way. */
  revoke(token: string): void {
    const match = TOKEN.exec(token);
    if (match) this.state.remove(familyKey(Number(match[1]), match[2]));
  }

  /** Signs a user out everywhere: a password change or reset, a role change, the user deleted. */
  revokeUser(userId: number): void {
    for (const key of this.state.keys(`family:${userId}:`)) this.state.remove(key);
  }

  private parse(token: string): [number, string, string] {
    const match = TOKEN.exec(token);
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'no session: sign in');
    return [Number(match[1]), match[2], match[3]];
  }
}
