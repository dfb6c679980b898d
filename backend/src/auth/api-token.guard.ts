import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { IS_PUBLIC } from './public.decorator.js';

/** The auth scheme is case-insensitive (RFC 9110); the token is not. */
const BEARER = /^Bearer +(\S+)$/i;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Until user login lands, the API takes one bearer token. Both sides are hashed first so the
 * comparison is constant-time whatever the length of the presented token.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = digest(config.apiToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const { authorization = '' } = context
      .switchToHttp()
      .getRequest<{ headers: { authorization?: string } }>().headers;
    const token = BEARER.exec(authorization)?.[1];
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) return true;
    throw new DomainError(
      ErrorCode.Unauthenticated,
      'a valid API token is required: send the header "Authorization: Bearer <SLUICE_API_TOKEN>"',
    );
  }
}
