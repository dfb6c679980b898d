// Every setting of Sluice, once: its name, kind (type and rule), default, whether it is a secret, and which parts
// read it. The backend's validation, the stack runner's values and what each process it starts receives, the
// shipper's and the edge renderer's options, `.env.example` and the README's table are derived from this list, and
// docker-compose.yml is tested against it, so a setting added in one place and forgotten in another fails a test.
import {
  addressList,
  byteSize,
  email,
  flag,
  hostName,
  httpUrl,
  identifier,
  listenAddress,
  oneOf,
  origin,
  path,
  port,
  portOrOff,
  postgresUrl,
  secretText,
  text,
  wholeNumber,
  type Kind,
} from './kinds';

/**
 * Who reads a setting. `stack`: the native stack runner (`npm start`); `compose`: only docker compose (the file's
 * interpolation, or compose itself); `migrations`: the admin commands `npm run migrate` and `npm run retention`; the
 * others are the processes, natively and in their containers.
 */
export type Part = 'stack' | 'compose' | 'edge' | 'backend' | 'shipper' | 'vector' | 'migrations';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const MIN_SECRET_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;

export interface Setting<T = unknown> {
  readonly kind: Kind<T>;
  /** The `.env.example` section it is listed under. */
  readonly section: Section;
  /** What it does, for `.env.example` and the README (settings of one section share the comment above them). */
  readonly about?: string;
  /** The value when the variable is unset or empty; none: the setting is unset (optional) unless `required`. */
  readonly default?: string;
  /** Must be set (by the operator, the stack runner, compose or a generated secret). */
  readonly required?: boolean;
  /** Never echoed in a message or a log. */
  readonly secret?: boolean;
  /** Generated on the first start of the native stack when left empty (`data/secrets.env`). */
  readonly generated?: boolean;
  readonly readBy: readonly Part[];
  /** Wiring the stack runner or compose sets (paths, internal addresses): not an operator's setting. */
  readonly internal?: boolean;
}

export type Section =
  'Compose' | 'Native stack' | 'Edge' | 'Backend' | 'ClickHouse' | 'Data' | 'Shipper' | 'Monitoring';

// `const`: each entry keeps its literal `default` and `required`, from which its value's type follows.
const setting = <const S extends Setting<T>, T>(spec: S & Setting<T>): S => spec;
const INGEST: Part[] = ['shipper', 'vector'];

export const SETTINGS = {
  COMPOSE_PROJECT_NAME: setting({
    kind: identifier(),
    section: 'Compose',
    about: 'Docker Compose project name (compose reads it from .env).',
    default: 'sluice',
    readBy: ['compose'],
  }),
  SLUICE_DATA_DIR: setting({
    kind: path(),
    section: 'Native stack',
    about:
      'Native stack (npm start): where every part keeps its state: ClickHouse data, NDJSON event logs, the sites file, generated secrets, logs. (docker compose keeps the same in named volumes.)',
    default: './data',
    readBy: ['stack'],
  }),

  EDGE_HOST: setting({
    kind: listenAddress(),
    section: 'Edge',
    about:
      'Edge (OpenResty/nginx): the public port. It serves /telemetry/ (tracker + collect), the admin panel at / and proxies /api/ to the backend (the panel and /api/ can have a listener of their own: EDGE_ADMIN_PORT below).',
    default: '0.0.0.0',
    readBy: ['stack', 'compose'],
  }),
  EDGE_PORT: setting({ kind: port(), section: 'Edge', default: '8080', readBy: ['stack', 'compose'] }),
  EDGE_TRUSTED_PROXIES: setting({
    kind: addressList(),
    section: 'Edge',
    about:
      "Addresses or CIDRs whose X-Forwarded-For is believed: your first-party proxy. Others' headers are ignored.",
    default: '127.0.0.1,::1',
    readBy: ['stack', 'edge'],
  }),
  EDGE_RATE_LIMIT: setting({
    kind: wholeNumber(1, 1_000_000),
    section: 'Edge',
    about:
      "Beacons per second (and burst) allowed per visitor address; past it the edge answers 429. Behind a proxy that is not listed above, every visitor shares the proxy's address: list it.",
    default: '100',
    readBy: ['stack', 'edge'],
  }),
  EDGE_RATE_BURST: setting({
    kind: wholeNumber(1, 1_000_000),
    section: 'Edge',
    default: '500',
    readBy: ['stack', 'edge'],
  }),
  EDGE_CONNECTION_LIMIT: setting({
    kind: wholeNumber(1, 1_000_000),
    section: 'Edge',
    about:
      'Requests one visitor address may have in progress at once (slow uploads hold theirs); past it the edge answers 429.',
    default: '100',
    readBy: ['stack', 'edge'],
  }),
  EDGE_ADMIN_HOST: setting({
    kind: listenAddress(),
    section: 'Edge',
    about:
      'The admin panel and /api/ on a listener of their own, so that EDGE_PORT serves only /telemetry/ and the panel can stay off the internet: EDGE_ADMIN_PORT on EDGE_ADMIN_HOST (loopback: reach it through a VPN, an SSH tunnel or a TLS proxy of your own). Empty EDGE_ADMIN_PORT: the panel and /api/ share EDGE_PORT.',
    default: '127.0.0.1',
    readBy: ['stack', 'compose'],
  }),
  EDGE_ADMIN_PORT: setting({ kind: port(), section: 'Edge', readBy: ['stack', 'edge', 'compose'] }),
  EDGE_ADMIN_SERVER_NAME: setting({
    kind: hostName(),
    section: 'Edge',
    about:
      'The host name the panel and /api/ answer to (e.g. analytics.example.com); every other name then gets only /telemetry/. Empty: any name.',
    readBy: ['stack', 'edge'],
  }),
  EDGE_METRICS_PORT: setting({
    kind: port(),
    section: 'Edge',
    about: 'Prometheus metrics of the edge (/metrics), on loopback only.',
    default: '9145',
    readBy: ['stack', 'compose'],
  }),
  GEOIP_DB: setting({
    kind: path(),
    section: 'Edge',
    about:
      'A MaxMind GeoLite2/GeoIP2 City file for country, region and city. Empty: the shipped DB-IP City Lite database (CC BY 4.0). docker compose: a path inside the edge container.',
    readBy: ['stack', 'edge'],
  }),
  EDGE_DISK_BUDGET: setting({
    kind: byteSize(),
    section: 'Edge',
    about:
      "The most the events folder may hold (NDJSON not yet shipped, or shipped and not yet deleted): when ClickHouse or the pipeline is down for long, the edge answers 503 with Retry-After instead of writing past it (the tracker keeps its events and retries for 24 hours), and accepts again once the pipeline has shipped and deleted a fifth of what the folder held then. Leave room on the disk for ClickHouse and the pipeline's own state (docs/operations.md, Disk budget).",
    default: '10g',
    readBy: ['stack', 'edge'],
  }),
  EDGE_ROTATE_SIZE: setting({
    kind: byteSize(),
    section: 'Edge',
    about:
      'The edge closes its NDJSON file (events.ndjson → events.ndjson.<time>) once it holds this much, or once its first line is EDGE_ROTATE_SECONDS old; the pipeline deletes a closed file once it is wholly in ClickHouse. Vector reads only closed files, so EDGE_ROTATE_SECONDS is how late its events may be: keep it well under SLUICE_PIPELINE_DRAIN_SECONDS.',
    default: '64m',
    readBy: ['stack', 'edge'],
  }),
  EDGE_ROTATE_SECONDS: setting({
    kind: wholeNumber(1, 3600, 'seconds'),
    section: 'Edge',
    default: '10',
    readBy: ['stack', 'edge'],
  }),

  BACKEND_HOST: setting({
    kind: listenAddress(),
    section: 'Backend',
    about: "Backend (NestJS control plane): loopback only; reach it through the edge's /api/.",
    default: '127.0.0.1',
    readBy: ['stack', 'backend'],
  }),
  BACKEND_PORT: setting({
    kind: port(),
    section: 'Backend',
    default: '3000',
    readBy: ['stack', 'backend', 'compose'],
  }),
  LOG_LEVEL: setting({
    kind: oneOf(LOG_LEVELS),
    section: 'Backend',
    about: `The backend's JSON logs (one line per request, with its id): ${LOG_LEVELS.join(', ')}.`,
    default: 'info',
    readBy: ['stack', 'backend'],
  }),
  ADMIN_EMAIL: setting({
    kind: email(),
    section: 'Backend',
    about:
      'The first owner account, created on the first start. Empty ADMIN_PASSWORD: a one-time password is printed once (npm start shows it) and must be changed at the first sign-in. Empty ADMIN_EMAIL: owner@sluice.local.',
    readBy: ['stack', 'backend'],
  }),
  ADMIN_PASSWORD: setting({
    kind: secretText(MIN_PASSWORD_LENGTH),
    section: 'Backend',
    secret: true,
    readBy: ['stack', 'backend'],
  }),
  SLUICE_JWT_SECRET: setting({
    kind: secretText(MIN_SECRET_LENGTH),
    section: 'Backend',
    about: `Signs access tokens (at least ${MIN_SECRET_LENGTH} characters). Empty: generated on the first start (npm start: data/secrets.env; docker compose: kept in the metadata database, shared by every backend on one PostgreSQL).`,
    secret: true,
    generated: true,
    readBy: ['stack', 'backend'],
  }),
  SLUICE_PUBLIC_URL: setting({
    kind: origin(),
    section: 'Backend',
    about:
      "Where people reach the admin panel and /api/: the origin in their address bar, e.g. https://analytics.example.com. The session's Origin check, the single sign-on redirect URI, Secure cookies and HSTS (when https) follow from it, never from a request's Host or X-Forwarded-* headers. Empty: the edge (npm start: http://localhost:$EDGE_PORT, or the panel's own listener; docker compose: http://localhost:8080).",
    readBy: ['stack', 'backend'],
  }),
  SLUICE_ADMIN_ORIGIN: setting({
    kind: origin(),
    section: 'Backend',
    about:
      "Where the admin panel is served from, if not the public URL itself (CORS and the session cookie's Origin check).",
    readBy: ['stack', 'backend'],
  }),
  BACKEND_TRUSTED_PROXIES: setting({
    kind: addressList(['loopback', 'linklocal', 'uniquelocal']),
    section: 'Backend',
    about:
      'Whose X-Forwarded-For the backend believes (the client address login throttling counts): loopback, uniquelocal, addresses or CIDRs. The edge on this machine is loopback; docker compose: the compose network (uniquelocal).',
    default: 'loopback',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_PUBLIC_API_DOCS: setting({
    kind: flag(),
    section: 'Backend',
    about: 'true: the OpenAPI docs (/api/docs, /api/docs-json) for anyone. false: for signed-in users.',
    default: 'false',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_AI_KEY_SECRET: setting({
    kind: secretText(MIN_SECRET_LENGTH),
    section: 'Backend',
    about: `Encrypts the AI provider's API key in the metadata database (at least ${MIN_SECRET_LENGTH} characters). Empty: generated on the first start into ai-provider.secret in the backend's data folder (mode 0600). Several backends on one PostgreSQL must share it: set it here for all of them.`,
    secret: true,
    readBy: ['stack', 'backend'],
  }),
  SLUICE_NAMING_SOURCE_DIR: setting({
    kind: path(),
    section: 'Backend',
    about:
      "A local checkout of the tracked site's source code: the AI naming worker quotes a bounded excerpt of the files that mention an element's id, classes or text (never outside this folder). Empty: names come from the page alone.",
    readBy: ['stack', 'backend'],
  }),
  SLUICE_NAMING_POLL_MS: setting({
    kind: wholeNumber(0, 3_600_000, 'milliseconds'),
    section: 'Backend',
    about:
      'How often the AI naming worker looks for actions without a name (new ones are named within about this long of their first click). 0: never (names stay heuristic).',
    default: '2000',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_API_KEY_REQUESTS_PER_MINUTE: setting({
    kind: wholeNumber(1, 100_000, 'requests'),
    section: 'Backend',
    about:
      'Requests each API key may make per minute (counted in the metadata database, so by every backend together); past it the reports answer 429 with Retry-After until the next minute. A dashboard of 20 reports refreshed every minute needs 20.',
    default: '120',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_REALTIME_LISTENERS_PER_SITE: setting({
    kind: wholeNumber(1, 10_000, 'listeners'),
    section: 'Backend',
    about:
      'Live streams (/realtime/stream) one site may have open on a backend at once, and all sites together (SLUICE_REALTIME_LISTENERS); past either a new stream answers 503 busy. Each site streamed costs one ClickHouse poll a second, shared by its listeners.',
    default: '50',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_REALTIME_LISTENERS: setting({
    kind: wholeNumber(1, 100_000, 'listeners'),
    section: 'Backend',
    default: '500',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SAMPLING_MIN_ROWS: setting({
    kind: wholeNumber(1, 1_000_000_000_000, 'rows'),
    section: 'Backend',
    about:
      'With sample=auto, a report whose range holds more events than this (estimated from the events stored on its days) reads a sample of visitors sized to about this many events, and says so (sampling.rate); at or below it the answer is exact.',
    default: '10000000',
    readBy: ['stack', 'backend'],
  }),
  OIDC_ISSUER: setting({
    kind: httpUrl('https://accounts.example.com'),
    section: 'Backend',
    about:
      "Single sign-on through an OpenID Connect provider (all three, or none). Register the redirect URI $SLUICE_PUBLIC_URL/api/auth/oidc/callback with the provider. A user's first sign-in links their account at the provider by the email it says is verified (an owner adds users first); later ones match on that account. OIDC_NAME labels the sign-in button.",
    readBy: ['stack', 'backend'],
  }),
  OIDC_CLIENT_ID: setting({ kind: text(), section: 'Backend', readBy: ['stack', 'backend'] }),
  OIDC_CLIENT_SECRET: setting({
    kind: text(),
    section: 'Backend',
    secret: true,
    readBy: ['stack', 'backend'],
  }),
  OIDC_NAME: setting({
    kind: text(),
    section: 'Backend',
    default: 'single sign-on',
    readBy: ['stack', 'backend'],
  }),
  OIDC_ASSUME_EMAIL_VERIFIED: setting({
    kind: flag(),
    section: 'Backend',
    about:
      'true only for a provider that never sends email_verified because it verifies every email it holds.',
    default: 'false',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SMTP_HOST: setting({
    kind: hostName(),
    section: 'Backend',
    about:
      "The SMTP server that sends alert emails and weekly digests (all of host, port, TLS and from; user and password where it asks for them). Empty: no email; alert rules take webhooks only and digests can't be turned on.",
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SMTP_PORT: setting({
    kind: port(),
    section: 'Backend',
    default: '587',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SMTP_TLS: setting({
    kind: oneOf(['starttls', 'implicit', 'off'] as const),
    section: 'Backend',
    about:
      'starttls: upgrade the connection and refuse a server that cannot (port 587); implicit: TLS from the first byte (port 465); off: plain text (a relay on the same host only).',
    default: 'starttls',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SMTP_USER: setting({ kind: text(), section: 'Backend', readBy: ['stack', 'backend'] }),
  SLUICE_SMTP_PASSWORD: setting({
    kind: text(),
    section: 'Backend',
    secret: true,
    readBy: ['stack', 'backend'],
  }),
  SLUICE_SMTP_FROM: setting({ kind: email(), section: 'Backend', readBy: ['stack', 'backend'] }),
  SLUICE_ALERT_EVALUATE_SECONDS: setting({
    kind: wholeNumber(1, 86_400, 'seconds'),
    section: 'Backend',
    about:
      'How often every alert rule is evaluated; a rule fires after as many evaluations in a row as it asks for.',
    default: '60',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_ALERT_RETRY_MS: setting({
    kind: wholeNumber(1, 3_600_000, 'milliseconds'),
    section: 'Backend',
    about:
      "The wait before an alert delivery's first retry; each further one waits twice as long (with jitter), 5 attempts in all.",
    default: '2000',
    readBy: ['stack', 'backend'],
  }),
  DATABASE_URL: setting({
    kind: postgresUrl(),
    section: 'Backend',
    about:
      "PostgreSQL for users, sites, sessions and the audit log, to scale out (postgres://user:password@host:5432/db). Empty: SQLite in the backend's data folder.",
    secret: true,
    readBy: ['stack', 'backend'],
  }),
  SLUICE_DEFAULT_SITE_DOMAIN: setting({
    kind: hostName(),
    section: 'Backend',
    about: 'The domain of the site the first start creates, ready for its snippet.',
    default: 'localhost',
    readBy: ['stack', 'backend'],
  }),

  CLICKHOUSE_HTTP_PORT: setting({
    kind: port(),
    section: 'ClickHouse',
    about:
      "ClickHouse: loopback only. The native stack starts its own server on these ports (if Debian's clickhouse-server service holds them, disable it or choose others).",
    default: '8123',
    readBy: ['stack', 'compose'],
  }),
  CLICKHOUSE_TCP_PORT: setting({ kind: port(), section: 'ClickHouse', default: '9000', readBy: ['stack'] }),
  CLICKHOUSE_URL: setting({
    kind: httpUrl('http://127.0.0.1:8123'),
    section: 'ClickHouse',
    about:
      "Where the backend, the pipeline and the migrations reach ClickHouse. Empty: the native stack's own server.",
    required: true,
    readBy: ['stack', 'backend', 'migrations', ...INGEST],
  }),
  CLICKHOUSE_DATABASE: setting({
    kind: identifier(),
    section: 'ClickHouse',
    default: 'sluice',
    readBy: ['stack', 'backend', 'migrations', ...INGEST, 'compose'],
  }),
  CLICKHOUSE_CLUSTER: setting({
    kind: identifier(),
    section: 'ClickHouse',
    about:
      "A ClickHouse cluster's name in remote_servers selects the replicated schema (docs/scaling.md). Empty: one server.",
    readBy: ['stack', 'backend', 'migrations'],
  }),
  CLICKHOUSE_ADMIN_USER: setting({
    kind: identifier(),
    section: 'ClickHouse',
    about:
      'Three accounts, least privilege: admin runs migrations, ingest writes events, reader serves reports (read-only).',
    default: 'sluice_admin',
    readBy: ['stack', 'backend', 'migrations', 'compose'],
  }),
  CLICKHOUSE_ADMIN_PASSWORD: setting({
    kind: text(),
    section: 'ClickHouse',
    required: true,
    secret: true,
    generated: true,
    readBy: ['stack', 'backend', 'migrations', 'compose'],
  }),
  CLICKHOUSE_INGEST_USER: setting({
    kind: identifier(),
    section: 'ClickHouse',
    default: 'sluice_ingest',
    readBy: ['stack', ...INGEST, 'compose'],
  }),
  CLICKHOUSE_INGEST_PASSWORD: setting({
    kind: text(),
    section: 'ClickHouse',
    required: true,
    secret: true,
    generated: true,
    readBy: ['stack', ...INGEST, 'compose'],
  }),
  CLICKHOUSE_READER_USER: setting({
    kind: identifier(),
    section: 'ClickHouse',
    default: 'sluice_reader',
    readBy: ['stack', 'backend', 'compose'],
  }),
  CLICKHOUSE_READER_PASSWORD: setting({
    kind: text(),
    section: 'ClickHouse',
    required: true,
    secret: true,
    generated: true,
    readBy: ['stack', 'backend', 'compose'],
  }),

  CLICKHOUSE_MEMORY_LIMIT: setting({
    kind: byteSize(),
    section: 'ClickHouse',
    about:
      "docker compose: the ClickHouse container's memory limit, from which it sizes itself (80% for queries and merges, caches at most half). Small hosts (2 GB nodes): 1g. The native stack's server takes what the machine has.",
    default: '4g',
    readBy: ['compose'],
  }),

  RETENTION_MONTHS: setting({
    kind: wholeNumber(1, 9999, 'months'),
    section: 'Data',
    about: 'Months of events to keep (whole months; older ones are dropped daily). Empty: keep everything.',
    readBy: ['stack', 'backend', 'migrations'],
  }),
  SLUICE_FINALIZE_VISITS: setting({
    kind: flag(),
    section: 'Data',
    about:
      'true: every hour the backend writes the visits begun SLUICE_FINALIZE_AFTER_DAYS or more UTC days ago once as plain rows (ClickHouse table visits), and those of the days since, up to SLUICE_PROVISIONAL_AFTER_DAYS ago, again each hour, which reports read instead of merging the per-visit rollup (about ten times faster on a month: docs/benchmarks.md). false: reports merge every visit from the rollup.',
    default: 'true',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_FINALIZE_AFTER_DAYS: setting({
    kind: wholeNumber(3, 3650, 'days'),
    section: 'Data',
    about:
      "How many UTC days after it began a visit is finalized (3 at least: a visit's events span up to three days, the tracker resends for a day). Events of a finalized day that arrive later (a pipeline backlog longer than this) are left out until the day is finalized again (docs/operations.md): raise it where events can arrive days late; every day not yet finalized is merged from the rollup in each report.",
    default: '3',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_PROVISIONAL_AFTER_DAYS: setting({
    kind: wholeNumber(1, 3650, 'days'),
    section: 'Data',
    about:
      "How many UTC days after it began a day not yet finalized is written as plain rows provisionally, and again every hour until it is finalized (SLUICE_FINALIZE_AFTER_DAYS): reports then merge only the days after it from the rollup. Events of such a day that arrive later count from the next hour's write. At SLUICE_FINALIZE_AFTER_DAYS or more, no day is written provisionally.",
    default: '1',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_PIPELINE_DRAIN_SECONDS: setting({
    kind: wholeNumber(0, 99_999, 'seconds'),
    section: 'Data',
    about:
      "Deleting a site erases its data once the pipeline has passed every event the edge took for it. The shipper says when (npm start asks it); Vector can't, so with Vector (docker compose) a deletion waits this many seconds, and an hourly sweep erases anything of a deleted site that arrives later.",
    default: '60',
    readBy: ['stack', 'backend'],
  }),

  SLUICE_BACKUP_DIR: setting({
    kind: path(),
    section: 'Data',
    about:
      "Backups (npm run backup, the panel's button, the schedule) are written here, each one .tar.gz with its manifest (docs/operations.md, Backups and restores). Empty: backups/ in the backend's data folder. Keep a copy elsewhere too.",
    readBy: ['stack', 'backend'],
  }),
  SLUICE_BACKUP_SCHEDULE: setting({
    kind: oneOf(['off', 'hourly', 'daily', 'weekly']),
    section: 'Data',
    about:
      'Scheduled backups by the backend: each one builds on the newest in the folder (unchanged partitions are not written again), and only the newest SLUICE_BACKUP_KEEP are kept, with the earlier ones they build on. Needs SLUICE_BACKUP_PASSPHRASE.',
    default: 'off',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_BACKUP_KEEP: setting({
    kind: wholeNumber(1, 1000, 'backups'),
    section: 'Data',
    default: '7',
    readBy: ['stack', 'backend'],
  }),
  SLUICE_BACKUP_PASSPHRASE: setting({
    kind: secretText(12),
    section: 'Data',
    about:
      "Seals each backup's secrets (scrypt and AES-256-GCM): a restore needs it, and it is stored nowhere else, so keep it apart from the backups. Needed by scheduled backups; npm run backup can read it from a file instead (--passphrase-file).",
    secret: true,
    readBy: ['stack', 'backend'],
  }),

  SHIPPER_BATCH_MAX_EVENTS: setting({
    kind: wholeNumber(1, 1_000_000),
    section: 'Shipper',
    about: 'Shipper (used where the `vector` binary is not on PATH): batch limits.',
    default: '20000',
    readBy: ['stack', 'shipper'],
  }),
  SHIPPER_BATCH_MAX_WAIT_MS: setting({
    kind: wholeNumber(1, 600_000, 'milliseconds'),
    section: 'Shipper',
    default: '1000',
    readBy: ['stack', 'shipper'],
  }),
  SHIPPER_METRICS_PORT: setting({
    kind: portOrOff(),
    section: 'Shipper',
    about:
      'Prometheus metrics of the shipper (rows, dead letters, lag in bytes and seconds), on loopback only; off: none (site deletions then wait SLUICE_PIPELINE_DRAIN_SECONDS).',
    default: '9146',
    readBy: ['stack', 'shipper'],
  }),
  SHIPPER_DEAD_LETTER_ROTATE_SIZE: setting({
    kind: byteSize(),
    section: 'Shipper',
    about:
      "Lines the shipper can't store go to dead-letter.ndjson in its state folder; past this size the file is closed (dead-letter.ndjson.<time>), and the oldest closed files are deleted while all of them hold more than SHIPPER_DEAD_LETTER_MAX_SIZE (counted in sluice_shipper_dead_letters_dropped_total).",
    default: '64m',
    readBy: ['stack', 'shipper'],
  }),
  SHIPPER_DEAD_LETTER_MAX_SIZE: setting({
    kind: byteSize(),
    section: 'Shipper',
    default: '1g',
    readBy: ['stack', 'shipper'],
  }),

  GRAFANA_PORT: setting({
    kind: port(),
    section: 'Monitoring',
    about:
      "Monitoring (docker compose --profile monitoring): Grafana's port on loopback, read-only, the Sluice dashboard provisioned from ops/monitoring/.",
    default: '3001',
    readBy: ['compose'],
  }),

  // Wiring: set by the stack runner (from SLUICE_DATA_DIR and the ports above) or by compose, not by operators.
  BACKEND_DATA_DIR: setting({
    kind: path(),
    section: 'Backend',
    required: true,
    internal: true,
    readBy: ['backend'],
  }),
  SLUICE_SITES_FILE: setting({
    kind: path(),
    section: 'Backend',
    required: true,
    internal: true,
    readBy: ['backend'],
  }),
  SLUICE_FLAGS_DIR: setting({
    kind: path(),
    section: 'Backend',
    about:
      "Where the backend publishes each site's feature flags for the edge (one JSON document per site); default: a flags folder beside SLUICE_SITES_FILE.",
    internal: true,
    readBy: ['backend'],
  }),
  SLUICE_EDGE_METRICS_URL: setting({
    kind: httpUrl('http://127.0.0.1:9145/metrics'),
    section: 'Backend',
    internal: true,
    readBy: ['backend'],
  }),
  SLUICE_SHIPPER_METRICS_URL: setting({
    kind: httpUrl('http://127.0.0.1:9146/metrics'),
    section: 'Backend',
    internal: true,
    readBy: ['backend'],
  }),
  SHIPPER_INPUT_DIR: setting({
    kind: path(),
    section: 'Shipper',
    required: true,
    internal: true,
    readBy: ['shipper'],
  }),
  SHIPPER_STATE_DIR: setting({
    kind: path(),
    section: 'Shipper',
    required: true,
    internal: true,
    readBy: ['shipper'],
  }),
  SHIPPER_BATCH_MAX_BYTES: setting({
    kind: byteSize(),
    section: 'Shipper',
    default: '16m',
    internal: true,
    readBy: ['shipper'],
  }),
  SHIPPER_REPORT_EVERY_MS: setting({
    kind: wholeNumber(1, 3_600_000, 'milliseconds'),
    section: 'Shipper',
    default: '10000',
    internal: true,
    readBy: ['shipper'],
  }),
  // A failpoint for tests (docs/testing.md): the shipper kills itself right before its Nth checkpoint write.
  SHIPPER_TEST_CRASH_BEFORE_CHECKPOINT: setting({
    kind: wholeNumber(1, 1_000_000),
    section: 'Shipper',
    internal: true,
    readBy: ['shipper'],
  }),
  VECTOR_API_ADDRESS: setting({ kind: text(), section: 'Shipper', internal: true, readBy: ['vector'] }),
  VECTOR_METRICS_ADDRESS: setting({ kind: text(), section: 'Shipper', internal: true, readBy: ['vector'] }),
  SLUICE_EVENTS_DIR: setting({
    kind: path(),
    section: 'Shipper',
    required: true,
    internal: true,
    readBy: ['vector'],
  }),
  VECTOR_DATA_DIR: setting({
    kind: path(),
    section: 'Shipper',
    required: true,
    internal: true,
    readBy: ['vector'],
  }),
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

type KindValue<S> = S extends { kind: Kind<infer T> } ? T : never;
/** A setting's typed value: undefined only where it has neither a default nor must be set. */
export type SettingValue<N extends SettingName> = (typeof SETTINGS)[N] extends
  { default: string } | { required: true }
  ? KindValue<(typeof SETTINGS)[N]>
  : KindValue<(typeof SETTINGS)[N]> | undefined;
