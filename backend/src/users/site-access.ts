import { Injectable } from '@nestjs/common';
import { MAX_SITE_ID } from '../sites/dto/site-id-param.dto.js';
import { Role } from './role.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/**
 * Which sites a user may see: owners every site there is, anyone else the sites granted to them. A site id
 * that names no site is not seen, by owners either: a route's work on it (a goal added) would otherwise fail
 * on the database's foreign key, a 500 where a 404 is the answer. A deleted site (being erased, or erased:
 * its row stays) is seen only where `deleted` is asked for (its status): its goals, dashboards and the rest
 * are as gone as its reports.
 */
@Injectable()
export class SiteAccess {
  constructor(private readonly users: UsersRepository) {}

  async canSee(
    user: User,
    siteId: number,
    { deleted = false }: { deleted?: boolean } = {},
  ): Promise<boolean> {
    const state = { active: !deleted };
    if (user.role !== Role.Owner) return this.users.isGranted(user.id, siteId, state);
    // An id no site can have (0, past MAX_SITE_ID) is left to the route's validation: a 400 naming it.
    return siteId < 1 || siteId > MAX_SITE_ID || this.users.siteExists(siteId, state);
  }

  /** `all`, or the ids of the sites granted. */
  async visibleSites(user: User): Promise<'all' | number[]> {
    return user.role === Role.Owner ? 'all' : this.users.siteIds(user.id);
  }

  /** The creator of a site may manage it. */
  grant(user: User, siteId: number): Promise<void> {
    return user.role === Role.Owner ? Promise.resolve() : this.users.grant(user.id, siteId);
  }

  revokeSite(siteId: number): Promise<void> {
    return this.users.revokeSite(siteId);
  }
}
