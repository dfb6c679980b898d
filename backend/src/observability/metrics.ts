import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The backend's Prometheus registry: the process (memory, CPU, event loop lag), the API's requests, and
 * the password work a guessing attack drives up.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'sluice_backend_http_request_duration_seconds',
    help: 'API requests by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly passwordVerifications = new Counter({
    name: 'sluice_backend_password_verifications_total',
    help: 'argon2 password verifications run: sign-ins (unknown accounts included) and re-authentications',
    registers: [this.registry],
  });
  readonly passwordWorkRefused = new Counter({
    name: 'sluice_backend_password_work_refused_total',
    help: 'Password hashes and verifications refused (503) because the argon2 queue was full',
    registers: [this.registry],
  });

  readonly reportQueries = new Histogram({
    name: 'sluice_backend_report_query_duration_seconds',
    help: 'ClickHouse report queries by name (report:<kind>:<source>) and outcome (ok, failed; shared: answered by the identical query in flight; abandoned: stopped, its callers gone), and how long they took',
    labelNames: ['query', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly reportRowsRead = new Counter({
    name: 'sluice_backend_report_rows_read_total',
    help: 'Rows ClickHouse read for report queries, by query name',
    labelNames: ['query'] as const,
    registers: [this.registry],
  });

  readonly realtimeListeners = new Gauge({
    name: 'sluice_backend_realtime_listeners',
    help: 'Live event streams (/realtime/stream) open on this backend',
    registers: [this.registry],
  });
  readonly realtimePollers = new Gauge({
    name: 'sluice_backend_realtime_pollers',
    help: 'Sites this backend polls ClickHouse for: one per streamed site, whatever its listeners',
    registers: [this.registry],
  });

  readonly namingCalls = new Counter({
    name: 'sluice_backend_naming_calls_total',
    help: 'Calls the naming worker made to the language model, by outcome (ok, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly namingFailures = new Counter({
    name: 'sluice_backend_naming_failures_total',
    help: 'Elements the naming worker gave a heuristic name instead, by reason (provider_retryable, provider_refused, rejected_<rule>)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly namingTokens = new Counter({
    name: 'sluice_backend_naming_tokens_total',
    help: 'Tokens of the naming worker’s calls, by direction (in, out)',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });
  readonly namingBacklog = new Gauge({
    name: 'sluice_backend_naming_backlog',
    help: 'Elements waiting for a name at the naming worker’s last poll (bounded)',
    registers: [this.registry],
  });
  readonly namingBreaker = new Gauge({
    name: 'sluice_backend_naming_breaker_state',
    help: 'The naming worker’s circuit breaker: 0 closed, 1 half-open, 2 open',
    registers: [this.registry],
  });
  readonly namingSkipped = new Counter({
    name: 'sluice_backend_naming_skipped_total',
    help: 'Elements left for a later poll without a call, by reason (budget, breaker)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly namingNames = new Counter({
    name: 'sluice_backend_naming_names_total',
    help: 'Names stored, by source (ai, heuristic, manual)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly questions = new Counter({
    name: 'sluice_backend_questions_total',
    help: 'Questions asked in plain language, by outcome (answered, cannot_answer, no_provider, provider_failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly questionRepairs = new Counter({
    name: 'sluice_backend_question_repairs_total',
    help: 'Model answers to a question that failed validation and were sent back once for repair',
    registers: [this.registry],
  });
  readonly questionTokens = new Counter({
    name: 'sluice_backend_question_tokens_total',
    help: 'Tokens the language model counted for questions, by direction (input, output)',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sluice_backend_' });
  }
}

type TimedRequest = IncomingMessage & { route?: { path: string }; baseUrl?: string };

/**
 * Express middleware timing every request; the route is Express's pattern (`/api/sites/:siteId`), so
 * ids don't multiply series.
 */
export const requestMetrics =
  (metrics: Metrics) =>
  (request: TimedRequest, response: ServerResponse, next: () => void): void => {
    const end = metrics.requests.startTimer({ method: request.method });
    response.once('finish', () =>
      end({
        route: request.route ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched',
        status: response.statusCode,
      }),
    );
    next();
  };
