import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';

/** Access tokens are short-lived: a revoked session keeps working at most this long (a password change: not at all). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** The only algorithm signed and accepted: `none`, RS256-with-the-secret-as-key and the like are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

interface Claims {
  sub: string;
  /** Changes with the password, so a password change or reset ends every access token issued before. */
  pv: string;
}

const passwordVersion = (user: User) =>
  createHash('sha256').update(user.passwordHash).digest('base64url').slice(0, 12);

@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  sign(user: User): string {
    return this.jwt.sign({ sub: String(user.id), pv: passwordVersion(user) } satisfies Claims);
  }

  /** The user id of a valid token; 401 for a forged, expired or malformed one. */
  async verify(token: string): Promise<{ userId: number; passwordVersion: string }> {
    try {
      const claims = await this.jwt.verifyAsync<Claims>(token, { algorithms: [ACCESS_TOKEN_ALGORITHM] });
      return { userId: Number(claims.sub), passwordVersion: claims.pv };
    } catch {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'the access token is invalid or expired: refresh or sign in',
      );
    }
  }

  /** Whether the token was issued under the user's current password. */
  isCurrent(user: User, version: string): boolean {
    return passwordVersion(user) === version;
  }
}
