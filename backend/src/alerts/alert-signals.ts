import { Injectable } from '@nestjs/common';
import { localDateOf } from '../common/calendar.js';
import { IngestHealthService } from '../ingest-health/ingest-health.service.js';
import type { MetricName } from '../reports/query/metrics.js';
import type { DateRange, ReportQuery } from '../reports/query/report-query.js';
import { ReportsService } from '../reports/reports.service.js';
import type { AlertRule } from './alert.entities.js';
import type { Measurement } from './alert-state.js';

/** The edge's counters for the site when refused_percent was last measured (AlertRule.counters). */
interface IntakeCounters {
  accepted: number;
  refused: number;
}

/** A measurement, and the counters to keep for the next one (refused_percent only). */
export interface SignalReading {
  measurement: Measurement;
  counters?: string;
}

/**
 * What a rule watches, measured at `now`. A metric is a typed report query over the visits begun in
 * the window (the reports engine's planner and binder, the rule's filters and goal): never SQL of its own.
 * Undefined where the signal can't be read now (the shipper or the edge not answering): the evaluation
 * then changes nothing, rather than reading silence as a value.
 */
@Injectable()
export class AlertSignals {
  constructor(
    private readonly reports: ReportsService,
    private readonly ingest: IngestHealthService,
  ) {}

  async read(rule: AlertRule, now: number): Promise<SignalReading | undefined> {
    switch (rule.signal) {
      case 'metric':
        return { measurement: await this.metric(rule, now) };
      case 'ingest_lag_seconds': {
        const health = await this.ingest.read(rule.siteId);
        return health.pipeline ? { measurement: { value: health.pipeline.lagSeconds } } : undefined;
      }
      case 'refused_percent': {
        const health = await this.ingest.read(rule.siteId);
        if (!health.site) return undefined;
        const counters: IntakeCounters = {
          accepted: health.site.accepted,
          refused: health.site.refused.reduce((sum, { count }) => sum + count, 0),
        };
        return {
          measurement: { value: refusedPercent(counters, rule.counters) },
          counters: JSON.stringify(counters),
        };
      }
    }
  }

  /** The rule's metric over the window ending at `now`, and over the window before for a change. */
  private async metric(rule: AlertRule, now: number): Promise<Measurement> {
    const windowMs = rule.windowMinutes * 60_000;
    // The request's days are only a placeholder here: each window is run with its own range below, in
    // the site's zone, which baseQuery is what reads.
    const today = new Date(now).toISOString().slice(0, 10);
    const base = await this.reports.baseQuery(rule.siteId, {
      from: today,
      to: today,
      filters: rule.filters ?? undefined,
      goal: rule.goalId ?? undefined,
    });
    const query: ReportQuery = { ...base, metrics: [rule.metric as MetricName] };
    const valueIn = async (start: number, end: number) => {
      const [row] = await this.reports.run<Record<string, string | number>>(
        query,
        windowRange(start, end, query.site.timezone),
      );
      return Number(row?.[rule.metric as string] ?? 0);
    };
    const comparing = rule.condition === 'drops_by' || rule.condition === 'rises_by';
    const [value, previous] = await Promise.all([
      valueIn(now - windowMs, now),
      comparing ? valueIn(now - 2 * windowMs, now - windowMs) : undefined,
    ]);
    return { value, previous };
  }
}

/** The local days [start, end) falls on, narrowed to it (whole seconds: `ts` has no more). */
function windowRange(start: number, end: number, timeZone: string): DateRange {
  return {
    from: localDateOf(start, timeZone),
    to: localDateOf(end - 1, timeZone),
    within: { start: Math.floor(start / 1000), end: Math.floor(end / 1000) },
  };
}

/**
 * Refused events as a percent of the site's events the edge answered for, over what its counters grew
 * by since the last evaluation (one decimal). The first reading, and one after the edge restarted (a
 * counter went down), counts since the edge started.
 */
function refusedPercent(now: IntakeCounters, before: string | null): number {
  const last = before ? (JSON.parse(before) as IntakeCounters) : undefined;
  const restarted = !last || now.accepted < last.accepted || now.refused < last.refused;
  const accepted = restarted ? now.accepted : now.accepted - last.accepted;
  const refused = restarted ? now.refused : now.refused - last.refused;
  const total = accepted + refused;
  return total === 0 ? 0 : Math.round((refused / total) * 1000) / 10;
}
