import { dirname, join } from 'node:path';
import { LOG_LEVELS, readSettings, settingsReadBy, SettingsError } from '@sluice/config';

/** The backend's configuration: read from the environment once, at start, then frozen. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** LOG_LEVEL of the JSON logs (pino): requests at info, problems at warn and error. */
  readonly logLevel: LogLevel;
  /** BACKEND_DATA_DIR: the metadata database's SQLite file lives here (unless DATABASE_URL). */
  readonly dataDir: string;
  /** DATABASE_URL: PostgreSQL for the metadata (to scale out); unset: SQLite in dataDir. */
  readonly databaseUrl?: string;
  /** SLUICE_JWT_SECRET signs access tokens; unset: generated on first start and kept in the metadata database. */
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
  /** SLUICE_API_KEY_REQUESTS_PER_MINUTE: what each API key may request per minute, on all backends together. */
  readonly apiKeyRequestsPerMinute: number;
  /** SLUICE_REALTIME_LISTENERS_PER_SITE, SLUICE_REALTIME_LISTENERS: open live streams per site and in all. */
  readonly realtimeListeners: { readonly perSite: number; readonly total: number };
  /** SLUICE_SAMPLING_MIN_ROWS: the events of a range past which `sample=auto` samples. */
  readonly samplingMinRows: number;
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
  /**
   * SLUICE_AI_KEY_SECRET: what the AI provider's API key is encrypted under (unset: a secret generated into
   * the data folder, ai/provider-key-secret.ts); SLUICE_NAMING_SOURCE_DIR: the site's source code the
   * naming worker may quote (unset: none).
   */
  readonly ai: {
    readonly keySecret?: string;
    readonly namingSourceDir?: string;
    /** SLUICE_NAMING_POLL_MS: the naming worker's poll; 0: it never runs. */
    readonly namingPollMs: number;
  };
  /** ADMIN_EMAIL and ADMIN_PASSWORD: the owner created on the first start (else a one-time password is printed). */
  readonly initialOwner: { readonly email?: string; readonly password?: string };
  readonly sitesFile: string;
  /** SLUICE_FLAGS_DIR: where each site's feature flags are published for the edge (default: `flags` beside the sites file). */
  readonly flagsDir: string;
  readonly defaultSiteDomain: string;
  /** SLUICE_FINALIZE_VISITS: write finished visits as plain rows for reports (VisitFinalizer). */
  readonly finalizeVisits: boolean;
  /** SLUICE_FINALIZE_AFTER_DAYS: how many UTC days after its first a day's visits are finalized. */
  readonly finalizeAfterDays: number;
  /** SLUICE_PROVISIONAL_AFTER_DAYS: how many UTC days after its first a day's visits are written provisionally. */
  readonly provisionalAfterDays: number;
  /** Months of events kept (RETENTION_MONTHS); null keeps everything. */
  readonly retentionMonths: number | null;
  /**
   * How a site's deletion learns that the pipeline has passed a moment (sites/pipeline-progress.ts): from
   * the shipper's metrics (SLUICE_SHIPPER_METRICS_URL), or, where the pipeline can't say (Vector), by
   * waiting SLUICE_PIPELINE_DRAIN_SECONDS (default 60).
   */
  readonly pipeline: { readonly shipperMetricsUrl?: string; readonly drainSeconds: number };
  /**
   * Backups: SLUICE_BACKUP_DIR (default `backups/` in the data folder), SLUICE_BACKUP_SCHEDULE (off by default),
   * SLUICE_BACKUP_KEEP archives kept by the schedule, SLUICE_BACKUP_PASSPHRASE (never stored anywhere).
   */
  readonly backup: {
    readonly folder: string;
    readonly schedule: BackupSchedule;
    readonly keep: number;
    readonly passphrase?: string;
  };
  /** SLUICE_EDGE_METRICS_URL: the edge's metrics, which a site's ingest health reads (unset: not shown). */
  readonly edgeMetricsUrl?: string;
  /** SLUICE_SMTP_*: the server alert emails and digests go through; unset (no host): no email. */
  readonly smtp?: SmtpSettings;
  /** SLUICE_ALERT_EVALUATE_SECONDS, SLUICE_ALERT_RETRY_MS: the evaluation schedule and the first retry's wait. */
  readonly alerts: { readonly evaluateSeconds: number; readonly retryMs: number };
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

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: 'starttls' | 'implicit' | 'off';
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
}

export interface ClickHouseAccount {
  readonly username: string;
  readonly password: string;
}

/** Injection token of the `AppConfig`. */
export const APP_CONFIG = Symbol('AppConfig');

export type BackupSchedule = 'off' | 'hourly' | 'daily' | 'weekly';

export type LogLevel = (typeof LOG_LEVELS)[number];
export { HOST_NAME as DOMAIN, LOG_LEVELS, MIN_PASSWORD_LENGTH } from '@sluice/config';

/** Where `npm start` serves the panel and the API: the edge's default port on this machine. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

/** Every problem found in the environment, one line per variable, so one restart fixes them all. */
export { SettingsError as ConfigError } from '@sluice/config';

/**
 * Validates `env` into an `AppConfig`: each variable by its kind in the settings schema (config/src/settings),
 * read before Nest starts; then what only the backend knows, such as OIDC's three variables going together.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const settings = readSettings(env, settingsReadBy('backend'));
  const oidcSet = [settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET].filter(
    (value) => value !== undefined,
  ).length;
  if (settings.SLUICE_SMTP_HOST !== undefined && settings.SLUICE_SMTP_FROM === undefined)
    throw new SettingsError([
      'SLUICE_SMTP_FROM must be set with SLUICE_SMTP_HOST (the address emails come from)',
    ]);
  if (oidcSet > 0 && oidcSet < 3)
    throw new SettingsError([
      'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together (or none)',
    ]);
  if (settings.SLUICE_BACKUP_SCHEDULE !== 'off' && settings.SLUICE_BACKUP_PASSPHRASE === undefined)
    throw new SettingsError([
      'SLUICE_BACKUP_SCHEDULE needs SLUICE_BACKUP_PASSPHRASE: it seals the secrets of every scheduled backup',
    ]);
  return deepFreeze({
    host: settings.BACKEND_HOST,
    port: settings.BACKEND_PORT,
    logLevel: settings.LOG_LEVEL,
    dataDir: settings.BACKEND_DATA_DIR,
    databaseUrl: settings.DATABASE_URL,
    jwtSecret: settings.SLUICE_JWT_SECRET,
    publicUrl: settings.SLUICE_PUBLIC_URL ?? DEFAULT_PUBLIC_URL,
    adminOrigin: settings.SLUICE_ADMIN_ORIGIN,
    trustedProxies: settings.BACKEND_TRUSTED_PROXIES,
    publicApiDocs: settings.SLUICE_PUBLIC_API_DOCS,
    apiKeyRequestsPerMinute: settings.SLUICE_API_KEY_REQUESTS_PER_MINUTE,
    realtimeListeners: {
      perSite: settings.SLUICE_REALTIME_LISTENERS_PER_SITE,
      total: settings.SLUICE_REALTIME_LISTENERS,
    },
    samplingMinRows: settings.SLUICE_SAMPLING_MIN_ROWS,
    oidc:
      settings.OIDC_ISSUER && settings.OIDC_CLIENT_ID && settings.OIDC_CLIENT_SECRET
        ? {
            issuer: settings.OIDC_ISSUER,
            clientId: settings.OIDC_CLIENT_ID,
            clientSecret: settings.OIDC_CLIENT_SECRET,
            name: settings.OIDC_NAME,
            assumeEmailVerified: settings.OIDC_ASSUME_EMAIL_VERIFIED,
          }
        : undefined,
    ai: {
      keySecret: settings.SLUICE_AI_KEY_SECRET,
      namingSourceDir: settings.SLUICE_NAMING_SOURCE_DIR,
      namingPollMs: settings.SLUICE_NAMING_POLL_MS,
    },
    initialOwner: { email: settings.ADMIN_EMAIL?.toLowerCase(), password: settings.ADMIN_PASSWORD },
    sitesFile: settings.SLUICE_SITES_FILE,
    flagsDir: settings.SLUICE_FLAGS_DIR ?? join(dirname(settings.SLUICE_SITES_FILE), 'flags'),
    defaultSiteDomain: settings.SLUICE_DEFAULT_SITE_DOMAIN,
    retentionMonths: settings.RETENTION_MONTHS ?? null,
    finalizeVisits: settings.SLUICE_FINALIZE_VISITS,
    finalizeAfterDays: settings.SLUICE_FINALIZE_AFTER_DAYS,
    provisionalAfterDays: settings.SLUICE_PROVISIONAL_AFTER_DAYS,
    edgeMetricsUrl: settings.SLUICE_EDGE_METRICS_URL,
    smtp:
      settings.SLUICE_SMTP_HOST && settings.SLUICE_SMTP_FROM
        ? {
            host: settings.SLUICE_SMTP_HOST,
            port: settings.SLUICE_SMTP_PORT,
            tls: settings.SLUICE_SMTP_TLS,
            user: settings.SLUICE_SMTP_USER,
            password: settings.SLUICE_SMTP_PASSWORD,
            from: settings.SLUICE_SMTP_FROM,
          }
        : undefined,
    alerts: {
      evaluateSeconds: settings.SLUICE_ALERT_EVALUATE_SECONDS,
      retryMs: settings.SLUICE_ALERT_RETRY_MS,
    },
    backup: {
      folder: settings.SLUICE_BACKUP_DIR ?? join(settings.BACKEND_DATA_DIR, 'backups'),
      schedule: settings.SLUICE_BACKUP_SCHEDULE,
      keep: settings.SLUICE_BACKUP_KEEP,
      passphrase: settings.SLUICE_BACKUP_PASSPHRASE,
    },
    pipeline: {
      shipperMetricsUrl: settings.SLUICE_SHIPPER_METRICS_URL,
      drainSeconds: settings.SLUICE_PIPELINE_DRAIN_SECONDS,
    },
    clickhouse: {
      url: settings.CLICKHOUSE_URL,
      database: settings.CLICKHOUSE_DATABASE,
      cluster: settings.CLICKHOUSE_CLUSTER,
      admin: { username: settings.CLICKHOUSE_ADMIN_USER, password: settings.CLICKHOUSE_ADMIN_PASSWORD },
      reader: { username: settings.CLICKHOUSE_READER_USER, password: settings.CLICKHOUSE_READER_PASSWORD },
    },
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
