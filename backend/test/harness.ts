import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { INestApplication, LoggerService } from '@nestjs/common';
import request from 'supertest';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { siteMutations } from '@sluice/pipeline/testing';
import {
  freePort,
  startClickHouseOnFreePorts,
  startPostgres,
  type RunningClickHouse,
  type RunningPostgres,
} from '@sluice/services';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';

/** Where the panel and the API are as the tests' backends are configured (SLUICE_PUBLIC_URL). */
export const PUBLIC_URL = 'http://sluice.test';

/** The owner the first start creates (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const OWNER = { email: 'owner@shop.test', password: randomBytes(18).toString('base64url') };
const DATABASE = 'sluice';

const secret = () => randomBytes(12).toString('hex');

/** A private ClickHouse 18.16 with Sluice's three accounts, and a temp folder for the sites file and the backend's data. */
export interface TestStores {
  dir: string;
  sitesFile: string;
  clickhouse: RunningClickHouse;
  /** The backend's environment pointing at these stores. */
  env: Record<string, string>;
  /** Inserts rows as the admin account, as the pipeline would (JSONEachRow). */
  insertEvents(rows: EventRow[]): Promise<void>;
  /** Runs a query as the admin account. */
  query<T>(query: string): Promise<T[]>;
  /** Runs a statement that returns nothing (an insert of literal rows) as the admin account. */
  command(statement: string): Promise<void>;
  /** The tables of every mutation ClickHouse recorded for the site's rows (`system.mutations`), sorted. */
  siteMutations(siteId: number): Promise<string[]>;
  /** The site's rows in every table that holds them, by raw count. */
  siteRows(siteId: number): Promise<SiteTables>;
  /**
   * What every table holds of the site, exactly: its events and names by raw count, and the distinct events
   * each rollup counts (its raw rows depend on how ClickHouse merged them).
   */
  siteHoldings(siteId: number): Promise<SiteTables>;
  /** Where the pipeline's ingest account writes. */
  ingest: { url: string; database: string; username: string; password: string };
  /** The environment of another, empty metadata store (a fresh data folder, and database on PostgreSQL). */
  freshMetadata(name: string): Record<string, string>;
  stop(): Promise<void>;
}

/** Every table that holds a site's rows: the events, their rollups and the names of autocaptured elements. */
export interface SiteTables {
  events: number;
  traffic_hourly: number;
  sessions_daily: number;
  autocapture_names: number;
}

/** The same count of every table, `names` in autocapture_names (as many events in each rollup as in events). */
export const inEveryTable = (events: number, names: number): SiteTables => ({
  events,
  traffic_hourly: events,
  sessions_daily: events,
  autocapture_names: names,
});

/**
 * Where the metadata lives in this test process: the SQLite file by default, a real PostgreSQL when
 * postgres.test.ts runs the metadata suites again.
 */
const onPostgres = () => process.env.SLUICE_TEST_METADATA === 'postgres';

/** A temp folder, and where metadata stores go in it: SQLite files, or databases of a real PostgreSQL. */
export interface MetadataStores {
  dir: string;
  /** The environment of an empty metadata store: a data folder of its own, and a database on PostgreSQL. */
  fresh(name: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startMetadataStores(): Promise<MetadataStores> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-backend-'));
  // Its own folder: started as root, the server runs as Debian's postgres account, which owns it.
  const postgresDir = onPostgres() ? mkdtempSync(join(tmpdir(), 'sluice-postgres-')) : undefined;
  const postgres: RunningPostgres | undefined = postgresDir
    ? await startPostgres(postgresDir, await freePort())
    : undefined;
  return {
    dir,
    fresh(name) {
      postgres?.createDatabase(name);
      return {
        BACKEND_DATA_DIR: join(dir, name),
        ...(postgres && { DATABASE_URL: postgres.url(name) }),
      };
    },
    async stop() {
      await postgres?.stop();
      for (const folder of [dir, postgresDir]) if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function startTestStores(): Promise<TestStores> {
  const metadata = await startMetadataStores();
  const { dir } = metadata;
  const credentials = {
    admin: { username: 'sluice_admin', password: secret() },
    ingest: { username: 'sluice_ingest', password: secret() },
    reader: { username: 'sluice_reader', password: secret() },
  };
  const clickhouse = await startClickHouseOnFreePorts({
    dir: join(dir, 'clickhouse'),
    database: DATABASE,
    credentials,
  });
  const sitesFile = join(dir, 'state', 'sites.json');
  let admin: ClickHouseClient | undefined;
  const adminClient = () =>
    (admin ??= createClient({ url: clickhouse.url, database: DATABASE, ...credentials.admin }));
  const query = async <T>(statement: string) =>
    (await adminClient().query({ query: statement, format: 'JSONEachRow' })).json<T>();
  // ClickHouse sends its 64-bit counts as strings.
  const numbers = async (statement: string) => {
    const [row] = await query<Record<keyof SiteTables, string>>(statement);
    return Object.fromEntries(
      Object.entries(row).map(([key, n]) => [key, Number(n)]),
    ) as unknown as SiteTables;
  };
  return {
    dir,
    sitesFile,
    clickhouse,
    env: {
      CLICKHOUSE_URL: clickhouse.url,
      CLICKHOUSE_DATABASE: DATABASE,
      CLICKHOUSE_ADMIN_USER: credentials.admin.username,
      CLICKHOUSE_ADMIN_PASSWORD: credentials.admin.password,
      CLICKHOUSE_READER_USER: credentials.reader.username,
      CLICKHOUSE_READER_PASSWORD: credentials.reader.password,
      ...metadata.fresh('backend'),
      // Request logs are tested where the backend runs as a process (main.test.ts); elsewhere they'd be noise.
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      SLUICE_SITES_FILE: sitesFile,
      SLUICE_DEFAULT_SITE_DOMAIN: 'shop.test',
      // No pipeline runs here (site-deletion.test.ts runs one): a deletion need not wait for it.
      SLUICE_PIPELINE_DRAIN_SECONDS: '0',
      // Tests insert events of past days after the start: a test that finalizes visits runs the finalizer itself.
      SLUICE_FINALIZE_VISITS: 'false',
      SLUICE_PUBLIC_URL: PUBLIC_URL,
    },
    async insertEvents(rows) {
      await adminClient().insert({ table: 'events', values: rows, format: 'JSONEachRow' });
    },
    freshMetadata: metadata.fresh,
    query,
    async command(statement: string) {
      await adminClient().command({ query: statement });
    },
    siteMutations(siteId) {
      return siteMutations(query, DATABASE, siteId);
    },
    siteRows: (siteId) =>
      numbers(
        `SELECT ${Object.keys(inEveryTable(0, 0))
          .map((table) => `(SELECT count() FROM ${table} WHERE site_id = ${siteId}) AS ${table}`)
          .join(', ')}`,
      ),
    siteHoldings: (siteId) =>
      numbers(
        `SELECT (SELECT count() FROM events WHERE site_id = ${siteId}) AS events,
          (SELECT uniqMerge(events) FROM traffic_hourly WHERE site_id = ${siteId}) AS traffic_hourly,
          (SELECT uniqIfMerge(pageviews) FROM sessions_daily WHERE site_id = ${siteId}) AS sessions_daily,
          (SELECT count() FROM autocapture_names WHERE site_id = ${siteId}) AS autocapture_names`,
      ),
    ingest: { url: clickhouse.url, database: DATABASE, ...credentials.ingest },
    async stop() {
      await admin?.close();
      await clickhouse.stop();
      await metadata.stop();
    },
  };
}

/** Keeps what the app logs, so tests stay quiet and can assert on it. */
export class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; text: string }> = [];
  private record =
    (level: string) =>
    (message: unknown): void =>
      void this.lines.push({ level, text: String(message) });
  log = this.record('log');
  error = this.record('error');
  warn = this.record('warn');
  debug = this.record('debug');
  verbose = this.record('verbose');
  fatal = this.record('fatal');
}

/** A stored pageview of site 1 at noon UTC on 2026-11-20, with what a test cares about changed. */
export function eventRow(overrides: Partial<EventRow>): EventRow {
  return sampleEventRow({ ts: '2026-11-20 12:00:00', visitor_id: 'v1', ...overrides });
}

/** A signed-in user's access token, by the login route. */
export async function signIn(
  http: ReturnType<typeof request>,
  { email, password }: { email: string; password: string },
): Promise<string> {
  const response = await http.post('/api/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

/** How many passwords a backend verified so far, by its Prometheus metric. */
export async function passwordVerifications(http: ReturnType<typeof request>): Promise<number> {
  const { text } = await http.get('/metrics').expect(200);
  return Number(/^sluice_backend_password_verifications_total (\d+)$/m.exec(text)?.[1]);
}

/** How many report queries of `name` ended with `outcome` (ok, shared, failed, abandoned), by the backend's metric. */
export async function reportQueries(
  http: ReturnType<typeof request>,
  name: string,
  outcome: string,
): Promise<number> {
  const { text } = await http.get('/metrics').expect(200);
  const line = `sluice_backend_report_query_duration_seconds_count{query="${name}",outcome="${outcome}"} `;
  const found = text.split('\n').find((metric) => metric.startsWith(line));
  return found === undefined ? 0 : Number(found.slice(line.length));
}

/** The app on stores of its own, signed in as the owner: what most tests of the API start from. */
export interface SignedInApp {
  stores: TestStores;
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** The owner's access token. */
  token: string;
  stop(): Promise<void>;
}

export async function startSignedInApp(
  logger: LoggerService = new RecordingLogger(),
  /** Settings beside the stores' (a limit the test shortens). */
  env: Record<string, string> = {},
): Promise<SignedInApp> {
  const stores = await startTestStores();
  const app = await createApp(loadAppConfig({ ...stores.env, ...env }), logger);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    stores,
    app,
    http,
    token: await signIn(http, OWNER),
    async stop() {
      await app.close();
      await stores.stop();
    },
  };
}

/** A new user with `role` on `siteIds`, made by the owner, signed in with a password of their own: their token. */
export async function newSignedInUser(
  http: ReturnType<typeof request>,
  ownerToken: string,
  user: { email: string; role: 'viewer' | 'admin' | 'owner'; siteIds?: number[] },
): Promise<string> {
  const { body: created } = await http
    .post('/api/users')
    .set('authorization', `Bearer ${ownerToken}`)
    .send({ siteIds: [], ...user })
    .expect(201);
  const first = await signIn(http, { email: user.email, password: created.oneTimePassword });
  const { body } = await http
    .post('/api/auth/password')
    .set('authorization', `Bearer ${first}`)
    .send({ currentPassword: created.oneTimePassword, newPassword: `${user.email}-own-password` })
    .expect(200);
  return body.accessToken as string;
}

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * Site isolation of a site's own things (goals, annotations, segments): each request on `site`, one the caller
 * may not read, answers exactly as on a site that does not exist, a 404 naming the site it was asked for.
 */
export async function assertHiddenLikeMissing(
  send: (method: Method, path: string) => request.Test,
  site: number,
  requests: ReadonlyArray<readonly [Method, string, object | undefined]>,
): Promise<void> {
  const missing = 2_147_483_647;
  for (const [method, path, body] of requests) {
    const hidden = await send(method, path).send(body);
    const absent = await send(method, path.replace(String(site), String(missing))).send(body);
    assert.deepEqual(
      [hidden.status, hidden.body],
      [404, { statusCode: 404, code: 'not_found', message: `site ${site} not found` }],
      `${method} ${path}`,
    );
    assert.deepEqual(
      [absent.status, absent.body],
      [404, { ...hidden.body, message: `site ${missing} not found` }],
    );
  }
}

/**
 * A test's requests to the API as the owner (or `bearer`, another user's token), a new site, and a user signed in
 * with a role on sites. `http` and `ownerToken` are read at each call: a suite sets them in its `before`.
 */
export function ownerRequests(http: () => ReturnType<typeof request>, ownerToken: () => string) {
  const as = (method: Method, path: string, bearer = ownerToken()) =>
    http()[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);
  return {
    as,
    async newSite(domain: string): Promise<number> {
      const { body } = await as('post', '/sites').send({ name: domain, domain }).expect(201);
      return body.id as number;
    },
    userOf: (email: string, role: 'viewer' | 'admin', siteIds: number[]) =>
      newSignedInUser(http(), ownerToken(), { email, role, siteIds }),
  };
}
