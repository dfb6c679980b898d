import { join } from 'node:path';
import { CONTRACT_JSON_PATH } from '@sluice/config';
import { LUA_DIR, startEdge, type RunningEdge, type StartEdgeOptions } from '@sluice/edge';
import { startShipperProcess } from '@sluice/pipeline';
import { ClickHouseHarness } from '@sluice/pipeline/testing';
import { freePort, type ManagedProcess } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';

/** What the tracker's browser tests send to: ClickHouse, the real edge (serving the built tracker) and the shipper. */
export interface BrowserPipeline {
  clickhouse: ClickHouseHarness;
  edge: RunningEdge;
  shipper: ManagedProcess;
}

/**
 * Starts the pipeline a page in Chromium reaches through the customer's proxy, under `dir` (which holds
 * `sites.json`): events go to `dir/events/events.ndjson`, the shipper takes them to ClickHouse. `edge` adds or
 * overrides edge options (a flags folder, its max-age).
 */
/** A Debian-packaged edge with its files in `dir`, on a free loopback port, serving the built tracker. */
export async function testEdgeOptions(dir: string) {
  return {
    target: 'debian',
    listenHost: '127.0.0.1',
    listenPort: await freePort(),
    prefix: join(dir, 'edge'),
    eventsLog: join(dir, 'events', 'events.ndjson'),
    sitesFile: join(dir, 'sites.json'),
    stateDir: join(dir, 'edge-state'),
    contractJson: CONTRACT_JSON_PATH,
    luaDir: LUA_DIR,
    trackerDir: join(REPO_ROOT, 'tracker', 'dist'),
    workerProcesses: 1,
  } as const;
}

/**
 * The edge a browser test's tracker talks to: nothing behind /api/, the test's proxies (127.0.0.1) trusted, and
 * lines in the file within 100 ms rather than a second, so each step waits for its marker that much less.
 */
export async function startBrowserTestEdge(
  dir: string,
  edge: Partial<StartEdgeOptions> = {},
): Promise<RunningEdge> {
  return startEdge({
    ...(await testEdgeOptions(dir)),
    adminDir: join(dir, 'admin'),
    backendUpstream: '127.0.0.1:9',
    trustedProxies: ['127.0.0.1'],
    eventsFlushMs: 100,
    ...edge,
  });
}

export async function startBrowserPipeline(
  dir: string,
  edge: Partial<StartEdgeOptions> = {},
): Promise<BrowserPipeline> {
  const clickhouse = await new ClickHouseHarness().start();
  await clickhouse.migrate();
  const runningEdge = await startBrowserTestEdge(dir, edge);
  const shipper = startShipperProcess({
    inputDir: join(dir, 'events'),
    stateDir: join(dir, 'shipper'),
    logFile: join(dir, 'shipper.log'),
    clickhouse: clickhouse.target('ingest'),
    batchMaxWaitMs: 200,
  });
  return { clickhouse, edge: runningEdge, shipper };
}
