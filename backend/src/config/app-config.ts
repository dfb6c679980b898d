import { isIP } from 'node:net';

/** The backend's configuration: read from the environment once, at start, then frozen. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** LOG_LEVEL of the JSON logs (pino): requests at info, problems at warn and error. */
  readonly logLevel: LogLevel;
  /** BACKEND_DATA_DIR: the metadata database (SQLite, unless DATABASE_URL) and the LMDB state live here. */
  readonly dataDir: string;
  /** DATABASE_URL: PostgreSQL for the metadata (to scale out); unset: SQLite in dataDir. */
  readonly databaseUrl?: string;
  /** SLUICE_JWT_SECRET signs access tokens; unset: generated on first start and kept in the LMDB state. */
  readonly jwtSecret?: string;
  /**
   * SLUICE_PUBLIC_URL: the origin people reach the panel and `/api/` at (default http://localhost:8080,
   * the edge of `npm start`). Never a request's Host or X-Forwarded-* headers: the session routes' Origin
   * check, the single sign-on redirect URI, the cookies' `Secure` and HSTS all follow from it.
   */
  readonly publicUrl: string;
  /**
   * SLUICE_ADMIN_ORIGIN: where the admin panel is served from, when not from the public URL (the edge
   * serves both by default). CORS admits only it; the refresh route's Origin check accepts it.
   */
  readonly adminOrigin?: string;
  /**
   * BACKEND_TRUSTED_PROXIES: the peers whose X-Forwarded-For (the client's address, which login throttling
   * counts) is believed — Express `trust proxy` values: `loopback` (the default: the edge on this
   * machine), `uniquelocal`, addresses and CIDRs.
   */
  readonly trustedProxies: readonly string[];
  /** SLUICE_PUBLIC_API_DOCS: /api/docs for anyone; off (the default), for signed-in users only. */
  readonly publicApiDocs: boolean;
  /**
   * Single sign-on through an OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET; all
   * three or none). A user's first sign-in links the provider's account by the email it vouches for (an
   * owner adds users first); later ones match on that account.
   */
  readonly oidc?: {
    readonly issuer: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** OIDC_NAME: the sign-in button's label. */
    readonly name: string;
    /**
     * OIDC_ASSUME_EMAIL_VERIFIED: for a provider that never sends `email_verified` because every email it
     * holds is verified, an email without the claim links an account. Off: only `email_verified: true` does.
     */
    readonly assumeEmailVerified: boolean;
  };
  /** ADMIN_EMAIL and ADMIN_PASSWORD: the owner created on the first start (else a one-time password is printed). */
  readonly initialOwner: { readonly email?: string; readonly password?: string };
  readonly sitesFile: string;
  readonly defaultSiteDomain: string;
  /** Months of events kept (RETENTION_MONTHS); null keeps everything. */
  readonly retentionMonths: number | null;
  /**
   * How a site's deletion learns that the pipeline has passed a moment (sites/pipeline-progress.ts): from
   * the shipper's metrics (SLUICE_SHIPPER_METRICS_URL), or, where the pipeline can't say (Vector), by
   * waiting SLUICE_PIPELINE_DRAIN_SECONDS (default 60).
   */
  readonly pipeline: { readonly shipperMetricsUrl?: string; readonly drainSeconds: number };
  readonly clickhouse: {
    readonly url: string;
    readonly database: string;
    /** CLICKHOUSE_CLUSTER: the replicated schema on this cluster; unset for one server. */
    readonly cluster?: string;
    /** Runs the migrations at start; never used for a report. */
    readonly admin: ClickHouseAccount;
    /** readonly=2 on the server: every report query runs as this account. */
    readonly reader: ClickHouseAccount;
  };
}

export interface ClickHouseAccount {
  readonly username: string;
  readonly password: string;
}

/** Injection token of the `AppConfig`. */
export const APP_CONFIG = Symbol('AppConfig');

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const MIN_SECRET_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
/** A practical address check (one @, a dot in the domain, no spaces): the rest is the mail server's business. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Where `npm start` serves the panel and the API: the edge's default port on this machine. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

/** Express's `trust proxy` names, an IP address, or a CIDR block of one. */
function isProxy(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** Every problem found in the environment, one line per variable, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Validates `env` into an `AppConfig`. Hand-written rather than class-validator: a dozen variables,
 * each with its own message naming it, read before Nest starts.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const read = (name: string, fallback?: string): string => {
    const value = env[name] || fallback; // an empty variable (`X=` in .env) means unset
    if (value === undefined || value === '') {
      problems.push(`${name} must be set`);
      return '';
    }
    return value;
  };
  const check = (name: string, ok: boolean, rule: string) => {
    if (!ok) problems.push(`${name} ${rule}, got "${env[name]}"`);
  };
  const flag = (name: string): boolean => {
    const value = env[name] || 'false';
    check(name, value === 'true' || value === 'false', 'must be true or false');
    return value === 'true';
  };

  const host = read('BACKEND_HOST', '127.0.0.1');
  const portText = read('BACKEND_PORT', '3000');
  const port = Number(portText);
  check('BACKEND_PORT', /^\d+$/.test(portText) && port >= 1 && port <= 65535, 'must be a TCP port (1-65535)');
  const url = read('CLICKHOUSE_URL');
  if (url) check('CLICKHOUSE_URL', URL.canParse(url) && /^https?:\/\//.test(url), 'must be an http(s) URL');
  const database = read('CLICKHOUSE_DATABASE', 'sluice');
  check('CLICKHOUSE_DATABASE', IDENTIFIER.test(database), 'must be an identifier ([A-Za-z_][A-Za-z0-9_]*)');
  // Empty for one server; a cluster's name in remote_servers selects the replicated schema.
  const cluster = env.CLICKHOUSE_CLUSTER || undefined;
  if (cluster !== undefined)
    check('CLICKHOUSE_CLUSTER', IDENTIFIER.test(cluster), 'must be an identifier ([A-Za-z_][A-Za-z0-9_]*)');
  const admin = { username: read('CLICKHOUSE_ADMIN_USER'), password: read('CLICKHOUSE_ADMIN_PASSWORD') };
  const reader = { username: read('CLICKHOUSE_READER_USER'), password: read('CLICKHOUSE_READER_PASSWORD') };
  const logLevel = read('LOG_LEVEL', 'info') as LogLevel;
  check('LOG_LEVEL', LOG_LEVELS.includes(logLevel), `must be one of ${LOG_LEVELS.join(', ')}`);
  const sitesFile = read('SLUICE_SITES_FILE');
  const dataDir = read('BACKEND_DATA_DIR');
  const databaseUrl = env.DATABASE_URL || undefined;
  // Not echoed: the URL holds the database password.
  if (databaseUrl !== undefined && !(URL.canParse(databaseUrl) && /^postgres(ql)?:\/\//.test(databaseUrl)))
    problems.push('DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/database)');
  // Never echo a secret, not even a short one.
  const secret = (name: string, minimum: number): string | undefined => {
    const value = env[name] || undefined;
    if (value !== undefined && value.length < minimum)
      problems.push(`${name} must be at least ${minimum} characters (it has ${value.length})`);
    return value;
  };
  const jwtSecret = secret('SLUICE_JWT_SECRET', MIN_SECRET_LENGTH);
  const isOrigin = (value: string) =>
    URL.canParse(value) && /^https?:\/\//.test(value) && new URL(value).origin === value;
  const ORIGIN_RULE = 'must be an origin such as https://analytics.example.com (no path, no trailing slash)';
  const publicUrl = read('SLUICE_PUBLIC_URL', DEFAULT_PUBLIC_URL);
  check('SLUICE_PUBLIC_URL', isOrigin(publicUrl), ORIGIN_RULE);
  const adminOrigin = env.SLUICE_ADMIN_ORIGIN || undefined;
  if (adminOrigin !== undefined) check('SLUICE_ADMIN_ORIGIN', isOrigin(adminOrigin), ORIGIN_RULE);
  const trustedProxies = read('BACKEND_TRUSTED_PROXIES', 'loopback')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  check(
    'BACKEND_TRUSTED_PROXIES',
    trustedProxies.length > 0 && trustedProxies.every(isProxy),
    'must list loopback, linklocal, uniquelocal, addresses or CIDRs, comma-separated',
  );
  const publicApiDocs = flag('SLUICE_PUBLIC_API_DOCS');
  const oidcIssuer = env.OIDC_ISSUER || undefined;
  const oidcClientId = env.OIDC_CLIENT_ID || undefined;
  const oidcClientSecret = env.OIDC_CLIENT_SECRET || undefined;
  const oidcSet = [oidcIssuer, oidcClientId, oidcClientSecret].filter((value) => value !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3)
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together (or none)');
  if (oidcIssuer !== undefined)
    check(
      'OIDC_ISSUER',
      URL.canParse(oidcIssuer) && /^https?:\/\//.test(oidcIssuer),
      'must be the provider’s http(s) issuer URL',
    );
  const assumeEmailVerified = flag('OIDC_ASSUME_EMAIL_VERIFIED');
  const ownerEmail = env.ADMIN_EMAIL || undefined;
  if (ownerEmail !== undefined) check('ADMIN_EMAIL', EMAIL.test(ownerEmail), 'must be an email address');
  const ownerPassword = secret('ADMIN_PASSWORD', MIN_PASSWORD_LENGTH);
  const defaultSiteDomain = read('SLUICE_DEFAULT_SITE_DOMAIN', 'localhost');
  check('SLUICE_DEFAULT_SITE_DOMAIN', DOMAIN.test(defaultSiteDomain), 'must be a lower-case host name');

  const retentionText = env.RETENTION_MONTHS || '';
  const retentionMonths = retentionText === '' ? null : Number(retentionText);
  if (retentionMonths !== null)
    check(
      'RETENTION_MONTHS',
      /^[1-9]\d{0,3}$/.test(retentionText),
      'must be a whole number of months ≥ 1 or empty',
    );

  const shipperMetricsUrl = env.SLUICE_SHIPPER_METRICS_URL || undefined;
  if (shipperMetricsUrl !== undefined)
    check(
      'SLUICE_SHIPPER_METRICS_URL',
      URL.canParse(shipperMetricsUrl) && /^https?:\/\//.test(shipperMetricsUrl),
      'must be the http URL of the shipper’s metrics, such as http://127.0.0.1:9146/metrics',
    );
  const drainText = env.SLUICE_PIPELINE_DRAIN_SECONDS || '60';
  check('SLUICE_PIPELINE_DRAIN_SECONDS', /^\d{1,5}$/.test(drainText), 'must be a whole number of seconds');

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze({
    host,
    port,
    logLevel,
    dataDir,
    databaseUrl,
    jwtSecret,
    publicUrl,
    adminOrigin,
    trustedProxies,
    publicApiDocs,
    oidc:
      oidcSet === 3
        ? {
            issuer: oidcIssuer!,
            clientId: oidcClientId!,
            clientSecret: oidcClientSecret!,
            name: env.OIDC_NAME || 'single sign-on',
            assumeEmailVerified,
          }
        : undefined,
    initialOwner: { email: ownerEmail?.toLowerCase(), password: ownerPassword },
    sitesFile,
    defaultSiteDomain,
    retentionMonths,
    pipeline: { shipperMetricsUrl, drainSeconds: Number(drainText) },
    clickhouse: { url, database, cluster, admin, reader },
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
