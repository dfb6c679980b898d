import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { MAX_SIGNING_SECRETS } from '@sluice/config';
import type { AuditAction } from '../audit/audit-actions.js';
import { actorOf, AuditService, SYSTEM, type Actor } from '../audit/audit.service.js';
import { defined } from '../common/defined.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SiteAccess } from '../users/site-access.js';
import type { User } from '../users/user.entity.js';
import {
  fromSiteEntry,
  signingSecretId,
  SITE_DEFAULTS,
  toSiteEntry,
  type NewSite,
  type Site,
  type SiteSettings,
  type SiteStatus,
} from './site.js';
import { SiteDeletions } from './site-deletions.js';
import { SitesFile } from './sites-file.js';
import { SitesRepository } from './sites.repository.js';

const SITE_KEY_BYTES = 16;
const newKey = () => randomBytes(SITE_KEY_BYTES).toString('base64url');

const SIGNING_SECRET_BYTES = 32;

/**
 * Sites and their settings. Every change is exported at once to the sites file, which the edge reads
 * within seconds: a new key is accepted, a rotated or deleted one refused, new origins or modes apply.
 */
@Injectable()
export class SitesService implements OnModuleInit {
  private readonly logger = new Logger('Sites');

  constructor(
    private readonly sites: SitesRepository,
    private readonly file: SitesFile,
    private readonly access: SiteAccess,
    private readonly audit: AuditService,
    private readonly deletions: SiteDeletions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A first start has one site to track, so the tracker snippet works at once; an install from before
   * the database brings the sites of its file along, keys and ids unchanged.
   */
  async onModuleInit(): Promise<void> {
    if ((await this.sites.list()).length === 0) {
      const kept = this.file.entries();
      if (kept.length > 0) {
        await this.sites.importSites(kept.map(fromSiteEntry));
        this.logger.log(`Imported ${kept.length} site(s) from the sites file`);
      } else {
        const domain = this.config.defaultSiteDomain;
        const site = await this.insert(SYSTEM, { name: domain, domain });
        this.logger.log(`Created the default site ${site.id} "${domain}"; its site key is ${site.key}`);
      }
    }
    await this.exportFile();
  }

  list(): Promise<Site[]> {
    return this.sites.list();
  }

  async visibleTo(user: User): Promise<Site[]> {
    const visible = await this.access.visibleSites(user);
    const sites = await this.sites.list();
    return visible === 'all' ? sites : sites.filter(({ id }) => visible.includes(id));
  }

  /** Unknown and inaccessible sites look the same: not found (the access guard checks access). */
  async get(id: number): Promise<Site> {
    const site = await this.find(id);
    if (!site) throw new DomainError(ErrorCode.NotFound, `site ${id} not found`);
    return site;
  }

  /** The site, if it exists and is not being deleted (for work that skips such a site quietly). */
  find(id: number): Promise<Site | undefined> {
    return this.sites.findById(id);
  }

  /** A new site, which its creator may manage (an admin is granted it). */
  async create(
    user: User,
    settings: Partial<SiteSettings> & Pick<SiteSettings, 'name' | 'domain'>,
  ): Promise<Site> {
    const site = await this.insert(actorOf(user), settings);
    await this.access.grant(user, site.id);
    await this.exportFile();
    return site;
  }

  async update(user: User, id: number, changes: Partial<SiteSettings>): Promise<Site> {
    const site = await this.get(id);
    const changed = Object.fromEntries(
      Object.entries(defined(changes)).filter(
        ([field, value]) => JSON.stringify(site[field as keyof Site]) !== JSON.stringify(value),
      ),
    );
    if (Object.keys(changed).length === 0) return site;
    return this.change(user, id, changed, 'site.update', changed);
  }

  /** A new public key; the old one is refused by the edge within seconds (pages must get the new snippet). */
  async rotateKey(user: User, id: number): Promise<Site> {
    await this.get(id);
    return this.change(user, id, { key: newKey() }, 'site.rotate_key');
  }

  /**
   * A new secret for the site's servers to sign their event batches with, answered this once (from then on
   * only its id): the edge accepts batches signed with it within seconds. A site keeps at most two.
   */
  async addSigningSecret(user: User, id: number): Promise<{ site: Site; secret: string }> {
    const site = await this.get(id);
    if (site.signingSecrets.length >= MAX_SIGNING_SECRETS)
      throw new DomainError(
        ErrorCode.Conflict,
        `signingSecrets: the site has ${MAX_SIGNING_SECRETS} already; revoke one first`,
      );
    const secret = randomBytes(SIGNING_SECRET_BYTES).toString('base64url');
    const changed = await this.change(
      user,
      id,
      { signingSecrets: [...site.signingSecrets, secret] },
      'site.signing_secret.create',
      { secret: signingSecretId(secret) },
    );
    return { site: changed, secret };
  }

  /** Revokes the secret of this id (signingSecretId): batches signed with it are refused within seconds. */
  async revokeSigningSecret(user: User, id: number, secretId: string): Promise<Site> {
    const site = await this.get(id);
    const kept = site.signingSecrets.filter((secret) => signingSecretId(secret) !== secretId);
    if (kept.length === site.signingSecrets.length)
      throw new DomainError(ErrorCode.NotFound, `signing secret ${secretId} not found`);
    return this.change(user, id, { signingSecrets: kept }, 'site.signing_secret.revoke', {
      secret: secretId,
    });
  }

  /**
   * Stores a change of the site, exports it to the sites file the edge reads, and audits it as `action`:
   * the site as it is now.
   */
  private async change(
    user: User,
    id: number,
    changes: Partial<NewSite>,
    action: AuditAction,
    details?: Record<string, unknown>,
  ): Promise<Site> {
    await this.sites.update(id, changes);
    await this.exportFile();
    await this.audit.record(actorOf(user), action, `site:${id}`, details);
    return this.get(id);
  }

  /**
   * Deletes the site and all of its data, once `confirm` repeats its domain. Intake stops first: the
   * site leaves every list and the sites file at once. Its data is erased once the pipeline has passed
   * everything the edge took for it (SiteDeletions), which takes seconds to minutes: the answer is the
   * site's status, to follow at GET /api/sites/:id/status.
   */
  async remove(user: User, id: number, confirm: string): Promise<SiteStatus> {
    const site = await this.get(id);
    if (confirm !== site.domain)
      throw new DomainError(
        ErrorCode.Validation,
        `confirm must repeat the site's domain ("${site.domain}") to delete it and all of its data`,
      );
    await this.sites.markDeleted(id, new Date());
    await this.exportFile();
    await this.audit.record(actorOf(user), 'site.delete', `site:${id}`, {
      name: site.name,
      domain: site.domain,
    });
    this.deletions.begin(id);
    this.logger.log(
      `Deleted site ${id} "${site.domain}"; its data is erased once the pipeline has passed it`,
    );
    return this.deletions.status(id);
  }

  private async insert(
    actor: Actor,
    settings: Partial<SiteSettings> & Pick<SiteSettings, 'name' | 'domain'>,
  ): Promise<Site> {
    const { name, domain } = settings;
    const site = await this.sites.create({
      ...SITE_DEFAULTS,
      ...defined(settings),
      name,
      domain,
      key: newKey(),
    });
    await this.audit.record(actor, 'site.create', `site:${site.id}`, {
      name: site.name,
      domain: site.domain,
    });
    return site;
  }

  private exportFile(): Promise<void> {
    return this.file.export(async () => (await this.sites.list()).map(toSiteEntry));
  }
}
