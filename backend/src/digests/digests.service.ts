import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { Mailer } from '../mail/mailer.js';
import { ReportsService } from '../reports/reports.service.js';
import { SitesService } from '../sites/sites.service.js';
import { SiteAccess } from '../users/site-access.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { addDays } from '../common/calendar.js';
import { digestEmail } from './digest-content.js';
import type { DigestSubscription } from './digest-subscription.entity.js';
import { lastWholeWeek } from './digest-week.js';
import { DigestsRepository } from './digests.repository.js';
import type { DigestSettingResponse } from './dto/digest.dto.js';

/** Pages a digest compares to find the week's top changes. */
const PAGES_COMPARED = 100;

/**
 * Weekly digests: a user opts in per site (off by default); each whole week (Monday to Sunday in the
 * site's zone) the overview's numbers and the pages that changed most against the week before go to
 * the user's email address, through the SMTP server.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger('DigestsService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly digests: DigestsRepository,
    private readonly mailer: Mailer,
    private readonly reports: ReportsService,
    private readonly sites: SitesService,
    private readonly users: UsersService,
    private readonly access: SiteAccess,
  ) {}

  async setting(user: User, siteId: number): Promise<DigestSettingResponse> {
    return {
      subscribed: (await this.digests.find(user.id, siteId)) !== undefined,
      available: this.mailer.configured,
    };
  }

  async set(user: User, siteId: number, subscribed: boolean): Promise<DigestSettingResponse> {
    if (subscribed && !this.mailer.configured)
      throw new DomainError(
        ErrorCode.Validation,
        'subscribed: digests need an SMTP server (SLUICE_SMTP_HOST)',
      );
    if (subscribed) {
      const site = await this.sites.get(siteId);
      await this.digests.subscribe(user.id, siteId, lastWholeWeek(Date.now(), site.timezone).from);
    } else {
      await this.digests.unsubscribe(user.id, siteId);
    }
    return this.setting(user, siteId);
  }

  /**
   * Sends every digest due at `now`: the last whole week's, where it has not gone out. One that fails (the
   * SMTP server refusing it) is logged and tried again next run; the others go out regardless.
   */
  async sendDue(now: number): Promise<void> {
    for (const subscription of await this.digests.all()) {
      await this.sendOne(subscription, now).catch((error: unknown) =>
        this.logger.error(
          `Digest of site ${subscription.siteId} for user ${subscription.userId} not sent (${errorMessage(error)}); next run again`,
        ),
      );
    }
  }

  private async sendOne(subscription: DigestSubscription, now: number): Promise<void> {
    // A site being deleted is no longer found: its digests stop (the opt-ins go with its row).
    const site = await this.sites.find(subscription.siteId);
    if (!site) return;
    const week = lastWholeWeek(now, site.timezone);
    if (subscription.lastWeek !== null && subscription.lastWeek >= week.from) return;
    const user = await this.users.findById(subscription.userId);
    // A grant taken away since: nothing of the site goes out (the opt-in stays, for a grant given back).
    if (!user || !(await this.access.canSee(user, site.id))) return;
    if (!(await this.digests.claimWeek(subscription.id, week.from))) return;
    try {
      const compared = { compareFrom: addDays(week.from, -7), compareTo: addDays(week.to, -7) };
      const [overview, pages] = await Promise.all([
        this.reports.overview(site.id, { ...week, ...compared }),
        this.reports.breakdown(site.id, {
          ...week,
          ...compared,
          dimension: 'page',
          metrics: 'visitors',
          limit: PAGES_COMPARED,
        }),
      ]);
      const link = new URL(`/sites/${site.id}`, this.config.publicUrl).toString();
      await this.mailer.send(digestEmail({ to: user.email, site, week, overview, pages, link }));
    } catch (error) {
      await this.digests.releaseWeek(subscription.id, week.from, subscription.lastWeek);
      throw error;
    }
  }
}
