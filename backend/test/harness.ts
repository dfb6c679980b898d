import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type request from 'supertest';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { freePort, startClickHouse, type RunningClickHouse } from '@sluice/services';

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
  stop(): Promise<void>;
}

export async function startTestStores(): Promise<TestStores> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-backend-'));
  const credentials = {
    admin: { username: 'sluice_admin', password: secret() },
    ingest: { username: 'sluice_ingest', password: secret() },
    reader: { username: 'sluice_reader', password: secret() },
  };
  const clickhouse = await startClickHouse({
    dir: join(dir, 'clickhouse'),
    httpPort: await freePort(),
    tcpPort: await freePort(),
    database: DATABASE,
    credentials,
  });
  const sitesFile = join(dir, 'state', 'sites.json');
  let admin: ClickHouseClient | undefined;
  const adminClient = () =>
    (admin ??= createClient({ url: clickhouse.url, database: DATABASE, ...credentials.admin }));
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
      BACKEND_DATA_DIR: join(dir, 'backend'),
      // Request logs are tested where the backend runs as a process (main.test.ts); elsewhere they'd be noise.
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      SLUICE_SITES_FILE: sitesFile,
      SLUICE_DEFAULT_SITE_DOMAIN: 'shop.test',
    },
    async insertEvents(rows) {
      await adminClient().insert({ table: 'events', values: rows, format: 'JSONEachRow' });
    },
    async query<T>(query: string) {
      return (await adminClient().query({ query, format: 'JSONEachRow' })).json<T>();
    },
    async stop() {
      await admin?.close();
      await clickhouse.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
