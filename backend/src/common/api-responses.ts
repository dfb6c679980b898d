import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** A 400 of a route that takes fields (ValidationPipe): its message begins with the field, then its rule. */
export const FIELD_RULE_BROKEN = 'A field breaks its rule: the message begins with the field';

/** A 404 of a site's route: no such site, or one the caller may not read, which looks the same. */
export const NO_SITE = 'No such site, or one the caller may not read: the same answer';

/**
 * A 404 of a site's route: the site or the thing it names (`'goal'`, `'flag'`…) does not exist, or the site is
 * one the caller may not read, which answers the same so that another account's site looks like none.
 */
export const missingFromSite = (thing: string) =>
  `No such site or ${thing}, or a site the caller may not read: the same answer`;

/**
 * A controller whose routes are for signed-in users and refuse API keys, as the OpenAPI document shows it: its
 * tag, the bearer token, and the 401 every route of it answers.
 */
export const SignedInRoutes = (tag: string) =>
  applyDecorators(
    // In the order they stood as a class's own decorators (applied from the bottom up): the same document.
    ApiUnauthorizedResponse({ description: 'Not signed in, or an API key (code api_key_not_accepted)' }),
    ApiBearerAuth(),
    ApiTags(tag),
  );
