import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';

export const ACCESS = 'sluice:access';

/** What a route needs. Every route declares one (the app refuses to start otherwise). */
export interface AccessRule {
  public?: true;
  role?: Role;
  /** The route's `:siteId` must be a site the user may see; any other looks not found. */
  site?: true;
  /** Open to a user who still has to replace a one-time password. */
  beforePasswordChange?: true;
}

/** No credentials (health, login, refresh): the route does its own checks if any. */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies AccessRule);

/** A signed-in user with at least `role`; `{ site: true }`: and access to the route's `:siteId`. */
export const Requires = (role: Role, options: { site?: true } = {}) =>
  SetMetadata(ACCESS, { role, ...options } satisfies AccessRule);

/** Any signed-in user, even one who must still change a one-time password. */
export const SignedIn = () =>
  SetMetadata(ACCESS, { role: Role.Viewer, beforePasswordChange: true } satisfies AccessRule);

/** The signed-in user the access guard found. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);
