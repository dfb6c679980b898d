import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { IS_PUBLIC } from './public.decorator.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Until user login lands, the API takes one bearer token. Both sides are hashed first so the
 * comparison is constant-time whatever the presented token's length.
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
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header =
      context.switchToHttp().getRequest<{ headers: { authorization?: string } }>().headers.authorization ??
      '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    throw new DomainError(
      ErrorCode.Unauthenticated,
      'a valid API token is required (Authorization: Bearer <token>)',
    );
  }
}
