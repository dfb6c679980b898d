import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_JSON_PATH, SITES_FILE_VERSION, type SiteEntry } from '@sluice/config';
import { freePort } from '@sluice/processes';
import { startEdge, type RunningEdge, type StartEdgeOptions } from './edge-server';

/** This package's Lua modules (from dist/src). */
export const LUA_DIR = join(__dirname, '..', '..', 'lua');

/**
 * Options of an edge on a free loopback port with everything under `dir` (sites in `dir/sites.json`,
 * events in `dir/events/events.ndjson`, tracker and admin files in `dir/tracker` and `dir/admin`): one
 * worker of Debian's nginx with this package's Lua; 127.0.0.1 is a trusted proxy, so load generators can
 * name each visitor's address in X-Forwarded-For as a site's first-party proxy does.
 */
export async function loopbackEdgeOptions(
  dir: string,
  overrides: Partial<StartEdgeOptions> = {},
): Promise<StartEdgeOptions> {
  return {
    target: 'debian',
    listenHost: '127.0.0.1',
    listenPort: await freePort(),
    prefix: join(dir, 'nginx'),
    eventsLog: join(dir, 'events', 'events.ndjson'),
    sitesFile: join(dir, 'sites.json'),
    stateDir: join(dir, 'edge-state'),
    contractJson: CONTRACT_JSON_PATH,
    luaDir: LUA_DIR,
    trackerDir: join(dir, 'tracker'),
    adminDir: join(dir, 'admin'),
    backendUpstream: '127.0.0.1:9',
    trustedProxies: ['127.0.0.1'],
    workerProcesses: 1,
    ...overrides,
  };
}

/** The real edge for benchmarks and whole-path tests (see loopbackEdgeOptions), serving `sites`. */
export async function startLoopbackEdge(
  dir: string,
  sites: SiteEntry[],
  overrides: Partial<StartEdgeOptions> = {},
): Promise<RunningEdge & { eventsLog: string }> {
  for (const folder of ['tracker', 'admin']) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'sites.json'), JSON.stringify({ version: SITES_FILE_VERSION, sites }));
  const options = await loopbackEdgeOptions(dir, overrides);
  return { ...(await startEdge(options)), eventsLog: options.eventsLog };
}
