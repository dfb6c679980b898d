import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SitesService } from '../sites/sites.service.js';
import type {
  IngestHealthDto,
  NodeIntakeDto,
  PipelineHealthDto,
  ReasonCountDto,
  SiteIntakeDto,
  SourceState,
} from './dto/ingest-health.dto.js';
import { parsePrometheusText, samplesOf, sumOf, type Sample } from './prometheus-text.js';

/** A source that has not answered by then is reported unreachable: the page must not hang on it. */
const READ_TIMEOUT_MS = 2000;

/**
 * A site's ingest health: the edge's counters for the site (accepted, refused by reason, bots by kind) and
 * the node's (refused requests, the events folder's backlog), and the shipper's (lag, dead letters), read from
 * their metrics endpoints as they are now. They count since each process started and keep no history.
 */
@Injectable()
export class IngestHealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sites: SitesService,
  ) {}

  async read(siteId: number): Promise<IngestHealthDto> {
    // A missing site is a 404, as on every route of a site.
    await this.sites.get(siteId);
    const [edge, shipper] = await Promise.all([
      readMetrics(this.config.edgeMetricsUrl),
      readMetrics(this.config.pipeline.shipperMetricsUrl),
    ]);
    return {
      siteId,
      readAt: new Date().toISOString(),
      edge: edge.state,
      site: edge.samples && siteIntake(edge.samples, siteId),
      node: edge.samples && nodeIntake(edge.samples),
      shipper: shipper.state,
      pipeline: shipper.samples && pipelineHealth(shipper.samples),
    };
  }
}

async function readMetrics(
  url: string | undefined,
): Promise<{ state: SourceState; samples: Sample[] | null }> {
  if (!url) return { state: 'not_configured', samples: null };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    if (!response.ok) return { state: 'unreachable', samples: null };
    return { state: 'ok', samples: parsePrometheusText(await response.text()) };
  } catch {
    // Stopped, restarting or not listening: the page says so instead of failing whole.
    return { state: 'unreachable', samples: null };
  }
}

/** Counts by one label, most first (then by name, so equal counts keep one order). */
function byLabel(samples: Sample[], label: string): ReasonCountDto[] {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const reason = sample.labels[label] ?? '';
    counts.set(reason, (counts.get(reason) ?? 0) + sample.value);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function siteIntake(samples: Sample[], siteId: number): SiteIntakeDto {
  const site = { site: String(siteId) };
  return {
    accepted: sumOf(samples, 'sluice_edge_site_events_accepted_total', site),
    refused: byLabel(samplesOf(samples, 'sluice_edge_site_events_rejected_total', site), 'reason'),
    bots: samplesOf(samples, 'sluice_edge_site_bot_events_total', site)
      .map(({ labels, value }) => ({ kind: labels.kind ?? '', action: labels.action ?? '', events: value }))
      .filter(({ events }) => events > 0)
      .sort(
        (a, b) => b.events - a.events || a.kind.localeCompare(b.kind) || a.action.localeCompare(b.action),
      ),
  };
}

function nodeIntake(samples: Sample[]): NodeIntakeDto {
  // The rate limit refuses in nginx, before the edge's code runs: its 429s are the answers counted by status.
  const rateLimited = sumOf(samples, 'sluice_edge_requests_total', { route: 'collect', status: '429' });
  const refused = [
    ...samplesOf(samples, 'sluice_edge_requests_rejected_total'),
    { name: '', labels: { reason: 'rate_limited' }, value: rateLimited },
  ];
  return {
    refusedRequests: byLabel(refused, 'reason'),
    backlogBytes: sumOf(samples, 'sluice_edge_disk_backlog_bytes'),
    budgetBytes: sumOf(samples, 'sluice_edge_disk_budget_bytes'),
    refusing: sumOf(samples, 'sluice_edge_disk_refusing') === 1,
  };
}

function pipelineHealth(samples: Sample[]): PipelineHealthDto {
  return {
    lagSeconds: sumOf(samples, 'sluice_shipper_lag_seconds'),
    lagBytes: sumOf(samples, 'sluice_shipper_lag_bytes'),
    rowsShipped: sumOf(samples, 'sluice_shipper_rows_total'),
    deadLetters: sumOf(samples, 'sluice_shipper_dead_letters_total'),
    rowsRefused: sumOf(samples, 'sluice_shipper_rows_refused_total'),
    insertFailures: sumOf(samples, 'sluice_shipper_insert_failures_total'),
  };
}
