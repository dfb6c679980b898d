import { Injectable } from '@nestjs/common';
import { ApiKeyAuth } from '../api-keys/api-key-auth.js';
import { isApiKey } from '../api-keys/api-key-secret.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokens } from './access-tokens.js';

/** The auth scheme is case-insensitive (RFC 9110); the token is not. */
const BEARER = /^Bearer +(\S+)$/i;

/**
 * The user an `Authorization: Bearer <access token>` header signs in: a valid token, the user as stored
 * now (deleted users and changed roles apply at once), issued under their current password. Or, where the
 * route takes API keys, the user of `Bearer slk_…` (ApiKeyAuth). 401 otherwise.
 */
@Injectable()
export class BearerAuth {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeyAuth,
  ) {}

  async user(
    authorization: string | undefined,
    { apiKeys = false }: { apiKeys?: boolean } = {},
  ): Promise<User> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (token === undefined)
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'sign in: send "Authorization: Bearer <access token>"',
      );
    if (isApiKey(token)) {
      if (!apiKeys)
        throw new DomainError(
          ErrorCode.ApiKeyNotAccepted,
          'API keys read reports only (GET /api/sites/:siteId/…): sign in for everything else',
        );
      return this.apiKeys.user(token);
    }
    const { userId, passwordVersion } = await this.tokens.verify(token);
    const user = await this.users.findById(userId);
    if (!user || !this.tokens.isCurrent(user, passwordVersion))
      throw new DomainError(ErrorCode.Unauthenticated, 'the session has ended: sign in again');
    return user;
  }
}
