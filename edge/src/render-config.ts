import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type EdgeTarget = 'debian' | 'openresty';

export interface EdgeConfigOptions {
  /** `debian` loads ngx_lua as dynamic modules; the OpenResty image has them built in. */
  target: EdgeTarget;
  listenHost: string;
  listenPort: number;
  /** nginx's prefix: pid, error log and temp folders live here. */
  prefix: string;
  /** The NDJSON file the collect endpoint appends to. */
  eventsLog: string;
  /** Written by the backend, re-read by every worker within seconds. */
  sitesFile: string;
  /** Persisted edge state: the salt of visitor hashes. */
  stateDir: string;
  contractJson: string;
  luaDir: string;
  trackerDir: string;
  adminDir: string;
  /** host:port of the backend, for /api/. */
  backendUpstream: string;
  /** Peers whose X-Forwarded-For is believed: the site owners' first-party proxies. */
  trustedProxies: string[];
  workerProcesses: number | 'auto';
}

export const TEMPLATE_PATH = join(__dirname, '..', '..', 'nginx', 'nginx.conf.template');

const DEBIAN_MODULES = [
  'load_module /usr/lib/nginx/modules/ndk_http_module.so;',
  'load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;',
].join('\n');

/** Paths go into nginx and Lua string literals unquoted-checked: refuse anything that could end them. */
function safePath(name: string, value: string): string {
  if (!/^[\w./@:+-]+$/.test(value)) throw new Error(`${name} has characters the edge config cannot hold: ${value}`);
  return value;
}

function realIpBlock(proxies: string[]): string {
  if (proxies.length === 0) return '# No trusted proxies: the socket address is the client address.';
  const lines = proxies.map((proxy) => `set_real_ip_from ${safePath('a trusted proxy', proxy)};`);
  return [...lines, 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'].join('\n    ');
}

function listenAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function renderEdgeConfig(options: EdgeConfigOptions): string {
  const values: Record<string, string> = {
    load_modules: options.target === 'debian' ? DEBIAN_MODULES : '# OpenResty: ngx_lua is built in.',
    worker_processes: String(options.workerProcesses),
    listen: listenAddress(safePath('listenHost', options.listenHost), options.listenPort),
    prefix: safePath('prefix', options.prefix),
    events_log: safePath('eventsLog', options.eventsLog),
    sites_file: safePath('sitesFile', options.sitesFile),
    state_dir: safePath('stateDir', options.stateDir),
    contract_json: safePath('contractJson', options.contractJson),
    lua_dir: safePath('luaDir', options.luaDir),
    tracker_dir: safePath('trackerDir', options.trackerDir),
    admin_dir: safePath('adminDir', options.adminDir),
    backend_upstream: safePath('backendUpstream', options.backendUpstream),
    real_ip: realIpBlock(options.trustedProxies),
  };
  return readFileSync(TEMPLATE_PATH, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`the edge template uses an unknown placeholder {{${name}}}`);
    return values[name];
  });
}

/**
 * CLI for the OpenResty image's build stage: `node render-config.js OUT_FILE`, with the container's
 * paths as defaults and `EDGE_TRUSTED_PROXIES` (comma-separated) from the build arguments.
 */
if (require.main === module) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: render-config.js OUT_FILE');
  const state = '/var/lib/sluice';
  const app = '/usr/local/openresty/sluice';
  writeFileSync(
    out,
    renderEdgeConfig({
      target: 'openresty',
      listenHost: '0.0.0.0',
      listenPort: 8080,
      prefix: '/usr/local/openresty/nginx',
      eventsLog: `${state}/events/events.ndjson`,
      sitesFile: `${state}/sites.json`,
      stateDir: `${state}/edge-state`,
      contractJson: `${app}/event-contract.json`,
      luaDir: `${app}/lua`,
      trackerDir: `${app}/tracker`,
      adminDir: `${app}/admin`,
      backendUpstream: process.env.EDGE_BACKEND_UPSTREAM || 'backend:3000',
      trustedProxies: (process.env.EDGE_TRUSTED_PROXIES || '').split(',').filter(Boolean),
      workerProcesses: 'auto',
    }),
  );
}
