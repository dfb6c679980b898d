import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_JSON_PATH, SITES_FILE_VERSION, type SiteEntry } from '@sluice/config';
import { startEdge, type RunningEdge, type StartEdgeOptions } from '@sluice/edge';
import { freePort } from '@sluice/services';
import { REPO_ROOT } from './repo-root';

/**
 * The real edge for benchmarks and whole-path tests: Debian's nginx with the repository's Lua, one
 * worker, on a free loopback port, everything under `dir` (its events in `dir/events/events.ndjson`),
 * serving `sites`. 127.0.0.1 is a trusted proxy, so load generators can name each visitor's address in
 * X-Forwarded-For as a site's first-party proxy does.
 */
export async function startLoopbackEdge(
  dir: string,
  sites: SiteEntry[],
  overrides: Partial<StartEdgeOptions> = {},
): Promise<RunningEdge & { eventsLog: string }> {
  const sitesFile = join(dir, 'sites.json');
  writeFileSync(sitesFile, JSON.stringify({ version: SITES_FILE_VERSION, sites }));
  for (const folder of ['tracker', 'admin']) mkdirSync(join(dir, folder), { recursive: true });
  const eventsLog = join(dir, 'events', 'events.ndjson');
  const edge = await startEdge({
    target: 'debian',
    listenHost: '127.0.0.1',
    listenPort: await freePort(),
    prefix: join(dir, 'nginx'),
    eventsLog,
    sitesFile,
    stateDir: join(dir, 'edge-state'),
    contractJson: CONTRACT_JSON_PATH,
    luaDir: join(REPO_ROOT, 'edge', 'lua'),
    trackerDir: join(dir, 'tracker'),
    adminDir: join(dir, 'admin'),
    backendUpstream: '127.0.0.1:9',
    trustedProxies: ['127.0.0.1'],
    workerProcesses: 1,
    ...overrides,
  });
  return { ...edge, eventsLog };
}
