import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { hasRole } from '../users/role.js';
import { SiteAccess } from '../users/site-access.js';
import type { User } from '../users/user.entity.js';
import { BearerAuth } from './bearer-auth.js';
import { ACCESS, type AccessRule } from './access.decorator.js';

/** Ids the validation pipe would accept: anything else is left to it, to answer 400 naming the parameter. */
const PLAIN_ID = /^\d{1,10}$/;

interface GuardedRequest {
  headers: { authorization?: string };
  params: Record<string, string | undefined>;
  user?: User;
}

/**
 * Every route's rule (access.decorator.ts): the bearer access token (or, on a report, an API key), the user
 * as stored now (deleted users and changed roles apply at once), the role, and the route's site. A site the user may not see
 * answers 404, like a site that doesn't exist: its existence is not disclosed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuth,
    private readonly siteAccess: SiteAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule)
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no access rule`);
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const user = await this.bearer.user(request.headers.authorization, { apiKeys: rule.apiKey });
    if (user.mustChangePassword && !rule.beforePasswordChange)
      throw new DomainError(
        ErrorCode.PasswordChangeRequired,
        'set your own password first: POST /api/auth/password with currentPassword and newPassword',
      );
    if (rule.role && !hasRole(user.role, rule.role))
      throw new DomainError(ErrorCode.Forbidden, `this needs the ${rule.role} role (you are ${user.role})`);
    const siteId = request.params.siteId;
    if (
      rule.site &&
      siteId !== undefined &&
      PLAIN_ID.test(siteId) &&
      !(await this.siteAccess.canSee(user, Number(siteId), { deleted: rule.deletedSite }))
    )
      throw new DomainError(ErrorCode.NotFound, `site ${siteId} not found`);
    request.user = user;
    return true;
  }
}
