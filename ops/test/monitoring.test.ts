import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { IMAGE_DEFAULTS } from '@sluice/edge';
import { REPO_ROOT } from '../src/repo-root';
import { queriedMetrics } from '../src/monitoring/dashboard';
import { DASHBOARD_FILE, dashboardText } from '../src/monitoring/write-dashboard';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

/** The files where Sluice's own parts declare the metrics they export. */
const EXPORTERS = [
  'edge/lua/sluice/metrics.lua',
  'pipeline/src/shipper/metrics.ts',
  'backend/src/observability/metrics.ts',
];

/**
 * Metrics of the parts Sluice doesn't write, by the names their documentation gives (Vector's internal_metrics,
 * ClickHouse's Prometheus endpoint). Neither runs on this machine, so these are checked against that list only.
 */
const EXTERNAL_METRICS = [
  'vector_component_sent_events_total',
  'vector_component_errors_total',
  'ClickHouseProfileEvents_InsertedRows',
  'ClickHouseProfileEvents_Query',
  'ClickHouseMetrics_MemoryTracking',
  'ClickHouseAsyncMetrics_MaxPartCountForPartition',
];

test('the committed Grafana dashboard is the one the panel list builds (npm run monitoring)', () => {
  assert.equal(readFileSync(DASHBOARD_FILE, 'utf8'), dashboardText());
});

test('every metric the dashboard queries is one a part exports', () => {
  const declared = EXPORTERS.map(read).join('\n');
  for (const metric of queriedMetrics()) {
    if (EXTERNAL_METRICS.includes(metric)) continue;
    // A histogram's series are its name plus _bucket, _sum and _count.
    const family = metric.replace(/_(bucket|sum|count)$/, '');
    assert.ok(
      declared.includes(`'${family}'`) || declared.includes(`"${family}"`),
      `${metric} is exported by no part`,
    );
  }
});

test("Prometheus scrapes each part's metrics port, by its compose service name", () => {
  const prometheus = parse(read('ops/monitoring/prometheus.yml')) as {
    scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
  };
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };
  const targets = Object.fromEntries(
    prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs[0].targets[0]]),
  );
  assert.deepEqual(targets, {
    edge: `edge:${IMAGE_DEFAULTS['metrics-port']}`,
    vector: `vector:${compose.services.vector.environment?.VECTOR_METRICS_ADDRESS?.split(':')[1]}`,
    backend: `backend:${compose.services.backend.environment?.BACKEND_PORT}`,
    clickhouse: `clickhouse:${/<port>(\d+)<\/port>/.exec(read('pipeline/clickhouse/config.d/prometheus.xml'))?.[1]}`,
  });
  for (const target of Object.values(targets)) assert.ok(target.split(':')[0] in compose.services, target);
});
