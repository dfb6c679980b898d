import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DashboardsService } from '../dashboards/dashboards.service.js';
import { parseSavedView } from '../dashboards/saved-view.js';
import { Passwords } from '../users/passwords.js';
import type { User } from '../users/user.entity.js';
import type { CreateSharedLinkDto } from './dto/shared-link.dto.js';
import type { SharedLink } from './shared-link.entity.js';
import { SharedLinkTokens } from './shared-link-tokens.js';
import { SharedLinksRepository } from './shared-links.repository.js';

/**
 * A site's shared links, managed by its admins: the route's rule has checked access to the site, and a
 * link or dashboard is looked up within that site only. Every change is in the audit log.
 */
@Injectable()
export class SharedLinksService {
  constructor(
    private readonly links: SharedLinksRepository,
    private readonly tokens: SharedLinkTokens,
    private readonly dashboards: DashboardsService,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
  ) {}

  list(siteId: number): Promise<SharedLink[]> {
    return this.links.listActive(siteId);
  }

  async create(
    user: User,
    siteId: number,
    dto: CreateSharedLinkDto,
  ): Promise<{ link: SharedLink; token: string }> {
    if (dto.dashboardId !== undefined) {
      if (dto.view !== undefined)
        throw new DomainError(
          ErrorCode.Validation,
          'view: a link shows a dashboard or a report view, not both',
        );
      await this.dashboards.get(siteId, dto.dashboardId);
    } else if (dto.view) {
      parseSavedView(dto.view.query);
    }
    const expiresAt = dto.expiresAt === undefined ? null : Date.parse(dto.expiresAt);
    if (expiresAt !== null && !(expiresAt > Date.now()))
      throw new DomainError(
        ErrorCode.Validation,
        'expiresAt: must be a date and time (ISO 8601) in the future',
      );
    const { token, prefix, hash } = this.tokens.generate();
    const link = await this.links.create({
      siteId,
      dashboardId: dto.dashboardId ?? null,
      reportKey: dto.view?.reportKey ?? null,
      query: dto.view?.query ?? null,
      hash,
      prefix,
      passwordHash: dto.password === undefined ? null : await this.passwords.hash(dto.password),
      expiresAt,
    });
    await this.audit.record(actorOf(user), 'shared_link.create', `site:${siteId}`, {
      link: link.id,
      prefix,
      dashboard: link.dashboardId,
      view: dto.view ?? null,
      password: link.passwordHash !== null,
      expiresAt: dto.expiresAt ?? null,
    });
    return { link, token };
  }

  async revoke(user: User, siteId: number, id: number): Promise<void> {
    const link = await this.links.findActive(siteId, id);
    if (!link) throw new DomainError(ErrorCode.NotFound, `shared link ${id} not found`);
    await this.links.revoke(id, Date.now());
    await this.audit.record(actorOf(user), 'shared_link.revoke', `site:${siteId}`, {
      link: id,
      prefix: link.prefix,
    });
  }
}
