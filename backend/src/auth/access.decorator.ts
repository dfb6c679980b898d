import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { FIELD_RULE_BROKEN, NO_SITE } from '../common/api-responses.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';

export const ACCESS = 'sluice:access';

/** What a route needs. Every route declares one (the app refuses to start otherwise). */
export interface AccessRule {
  public?: true;
  role?: Role;
  /** The route's `:siteId` must be a site the user may see; any other looks not found. */
  site?: true;
  /** With `site`: a deleted site too (being erased, or erased), as its status follows its deletion. */
  deletedSite?: true;
  /** Open to a user who still has to replace a one-time password. */
  beforePasswordChange?: true;
  /**
   * Also takes an API key (`Authorization: Bearer slk_…`), acting as a viewer for the key's user. Only
   * reports of a site declare it (`@SiteReport()`; RouteRulesCheck refuses it anywhere else); every other
   * route answers an API key 401 `api_key_not_accepted`.
   */
  apiKey?: true;
}

/** The OpenAPI security scheme of API keys (api-docs.ts). */
export const API_KEY_SECURITY = 'api-key';

/** No credentials (health, login, refresh): the route does its own checks if any. */
export const Public = () => SetMetadata(ACCESS, { public: true } satisfies AccessRule);

/**
 * A signed-in user with at least `role`; `{ site: true }`: and access to the route's `:siteId`, a site not
 * deleted unless `deletedSite`.
 */
export const Requires = (role: Role, options: { site?: true; deletedSite?: true } = {}) =>
  SetMetadata(ACCESS, { role, ...options } satisfies AccessRule);

/**
 * A change an admin of the route's `:siteId` makes with fields (a goal, a flag, an alert…): the access rule, and the
 * 400 and 404 (`missing`, as `missingFromSite` words it) the OpenAPI document shows for it.
 */
export const SiteAdminChange = (missing: string) =>
  applyDecorators(
    // In the order they stood as a route's own decorators (applied from the bottom up): the same document.
    Requires(Role.Admin, { site: true }),
    ApiNotFoundResponse({ description: missing }),
    ApiBadRequestResponse({ description: FIELD_RULE_BROKEN }),
  );

/**
 * A report of the route's `:siteId` (a GET): for a viewer of the site, and for an API key of a user who may
 * read the site at the time of the request (a grant removed, a user deleted, a key revoked: refused at once).
 */
export const SiteReport = () =>
  applyDecorators(
    SetMetadata(ACCESS, { role: Role.Viewer, site: true, apiKey: true } satisfies AccessRule),
    ApiBearerAuth(API_KEY_SECURITY),
    ApiUnauthorizedResponse({
      description: 'No valid access token or API key (an API key refused: code api_key_invalid)',
    }),
    ApiNotFoundResponse({ description: NO_SITE }),
    ApiTooManyRequestsResponse({
      description: 'An API key past its requests of this minute: Retry-After says when to try again',
    }),
  );

/** Any signed-in user, even one who must still change a one-time password. */
export const SignedIn = () =>
  SetMetadata(ACCESS, { role: Role.Viewer, beforePasswordChange: true } satisfies AccessRule);

/** The signed-in user the access guard found. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);
