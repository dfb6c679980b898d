import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SitesService } from '../../sites/sites.service.js';
import type { PageFramingDto } from './dto/page-framing.dto.js';
import type { PageFramingQueryDto } from './dto/page-framing-query.dto.js';
import { isPattern } from '../query/filters.js';
import { framingOf, pageUrl, type FramingVerdict } from './page-framing.js';

/** How long a page's answer is trusted: a site that changes its headers is seen within minutes. */
const CACHE_MS = 10 * 60_000;
/** Pages remembered at once; the oldest goes first. */
const CACHE_SIZE = 1000;
/** The page must answer this soon: the heatmap waits for the verdict before drawing the page. */
const TIMEOUT_MS = 3000;

/**
 * Whether a site's page may be framed by the panel: asks the page itself (one GET from the site's own
 * origin, without following redirects, the body left unread) and reads its framing headers. Only the
 * verdict leaves this service, never the page's content, and the address asked is the site's own, which
 * only its admins set.
 */
@Injectable()
export class PageFramingService {
  private readonly cache = new Map<string, { verdict: FramingVerdict; until: number }>();

  constructor(
    private readonly sites: SitesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async framing(siteId: number, { page }: PageFramingQueryDto): Promise<PageFramingDto> {
    const site = await this.sites.get(siteId);
    if (isPattern(page)) return { url: null, framable: false, reason: 'pattern' };
    const url = pageUrl(site, page);
    const verdict = await this.verdict(url);
    return { url, framable: verdict === 'framable', reason: verdict };
  }

  private async verdict(url: string): Promise<FramingVerdict> {
    const cached = this.cache.get(url);
    if (cached && cached.until > Date.now()) return cached.verdict;
    const verdict = await this.ask(url);
    this.cache.delete(url);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(url, { verdict, until: Date.now() + CACHE_MS });
    return verdict;
  }

  private async ask(url: string): Promise<FramingVerdict> {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      // Down, refused, too slow or no such host: the panel shows the outline and says the page was unreachable.
      return 'unreachable';
    }
    await response.body?.cancel();
    return framingOf(
      {
        status: response.status,
        xFrameOptions: response.headers.get('x-frame-options'),
        contentSecurityPolicy: response.headers.get('content-security-policy'),
      },
      this.config.adminOrigin ?? this.config.publicUrl,
    );
  }
}
