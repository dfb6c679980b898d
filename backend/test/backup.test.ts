import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { open as openLmdb } from 'lmdb';
import request from 'supertest';
import { create, extract } from 'tar';
import { createApp } from '../src/app.js';
import { BackupError } from '../src/backup/backup-error.js';
import { ClickHousePartitions } from '../src/backup/clickhouse-partitions.js';
import { listBackups } from '../src/backup/backup-folder.js';
import { writeBackup, type WrittenBackup } from '../src/backup/backup-writer.js';
import type { BackupProgress } from '../src/backup/progress.js';
import { restoreBackup } from '../src/backup/restore.js';
import { backupSourcesOf, type BackupSources } from '../src/backup/sources.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { FUNNEL_STEPS, seedFunnel } from './funnel-seed.js';
import { eventRow, OWNER, RecordingLogger, signIn, startTestStores, type TestStores } from './harness.js';
import { waitUntil } from '@sluice/services';
import { reportClient } from './report-client.js';
import { seedVisits } from './report-seed.js';

/**
 * Backup and restore over the real stores (ClickHouse 18.16, SQLite or, in postgres.test.ts, PostgreSQL): a site
 * with three months of events, goals, a dashboard, a feature flag, a viewer with an API key, an LMDB environment and a key file
 * is backed up, then an incremental backup after a day of new events; corrupt, truncated, unchained and
 * wrong-passphrase restores are refused with nothing changed; then everything is wiped and the incremental
 * archive restored into a fresh install, whose every answer is the same as before.
 */

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let env: Record<string, string>;
const { get, post, report, newSite, viewerOf } = reportClient(
  () => http,
  () => token,
);

const PASSPHRASE = 'correct horse battery staple';
const RANGE = { from: '2026-09-01', to: '2026-11-30' };
const HOT_STATE = 'hot-state';
/** Every table the migrations create: a backup copies each. */
const TABLES = [
  'autocapture_names',
  'events',
  'finalized_event_counts',
  'finalized_events',
  'finalized_first_seen',
  'finalized_readings',
  'finalized_value_totals',
  'finalized_vitals',
  'sessions_daily',
  'traffic_hourly',
  'visit_paths',
  'visit_paths_finalized',
  'visit_values',
  'visitors_first_seen',
  'visits',
  'visits_finalized',
];

async function start(environment: Record<string, string>): Promise<void> {
  env = environment;
  app = await createApp(loadAppConfig(environment), new RecordingLogger());
  await app.init();
  http = request(app.getHttpServer());
}

const sources = (): BackupSources => backupSourcesOf(loadAppConfig(env));
const dataDir = () => env.BACKEND_DATA_DIR;
const folder = () => env.SLUICE_BACKUP_DIR;

let site: number;
let goal: number;
let viewer: { token: string; key: string };

/** Every answer a user of the site gets: reports of every kind, and the users, sites, goals, dashboards and flags. */
async function everything(): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  const read = async (name: string, response: Promise<request.Response>) => {
    const { status, body } = await response;
    assert.equal(status, 200, `${name}: ${JSON.stringify(body)}`);
    answers[name] = body;
  };
  await read('overview', report(site, 'overview', { ...RANGE, goal }));
  await read(
    'timeseries',
    report(site, 'timeseries', { ...RANGE, metrics: 'visitors,visits,pageviews,bounce_rate' }),
  );
  for (const dimension of ['page', 'country', 'channel', 'entry_page'])
    await read(`breakdown ${dimension}`, report(site, 'breakdown', { ...RANGE, dimension, goal }));
  await read(
    'funnel',
    report(site, 'funnel', { ...RANGE, steps: JSON.stringify(FUNNEL_STEPS), dimension: 'country' }),
  );
  await read('paths', report(site, 'paths', { ...RANGE, page: '/pricing' }));
  await read('vitals', report(site, 'vitals', { ...RANGE, dimension: 'page' }));
  await read('events', report(site, 'events', { ...RANGE, limit: 200 }));
  // The viewer's API key: its HMAC is keyed by the generated signing secret, which the archive sealed.
  await read('overview by API key', report(site, 'overview', RANGE, viewer.key));
  await read('users', get('/users'));
  await read('sites', get('/sites'));
  await read('goals', get(`/sites/${site}/goals`));
  await read('dashboards', get(`/sites/${site}/dashboards`));
  await read('flags', get(`/sites/${site}/flags`));
  answers.sitesFile = readFileSync(env.SLUICE_SITES_FILE, 'utf8');
  return answers;
}

/** What ClickHouse holds, table by table: rows per partition. */
async function clickhouseRows(): Promise<Array<Record<string, string>>> {
  return stores.query(
    `SELECT table, partition, toString(sum(rows)) AS rows FROM system.parts
     WHERE database = 'sluice' AND active AND table != 'schema_migrations' GROUP BY table, partition ORDER BY table, partition`,
  );
}

/** One part per partition (as after a quiet night of merges), so part names change only where rows arrive. */
async function mergeEverything(): Promise<void> {
  for (const { table } of await stores.query<{ table: string }>(
    `SELECT DISTINCT table FROM system.parts WHERE database = 'sluice' AND active`,
  ))
    await stores.command(`OPTIMIZE TABLE ${table} FINAL`);
}

async function writeLmdbState(): Promise<void> {
  const environment = openLmdb({ path: join(dataDir(), HOT_STATE) });
  environment.putSync('visitors:online', 42);
  environment.putSync('sites:1:flags', { checkout: 'B' });
  await environment.close();
}

/** `npm run backup`'s script, found from this file: the suite runs from the repository's root or the backend's. */
const CLI = join(import.meta.dirname, '../src/backup/cli.js');

const KEY_FILE = 'webhook-signing.key';
const keyFileBytes = randomBytes(32);

before(async () => {
  stores = await startTestStores();
  await start({ ...stores.env, SLUICE_BACKUP_DIR: join(stores.dir, 'backups') });
  token = await signIn(http, OWNER);
  site = await newSite('backup.test', 'Europe/Berlin');
  goal = (
    await post(`/sites/${site}/goals`).send({ name: 'Bought', kind: 'event', match: 'purchase' }).expect(201)
  ).body.id as number;
  const { body: board } = await post(`/sites/${site}/dashboards`).send({ name: 'Sales' }).expect(201);
  await post(`/sites/${site}/dashboards/${board.id}/widgets`)
    .send({ reportKey: 'overview', query: 'from=2026-11-01&to=2026-11-30', kind: 'metrics', width: 2 })
    .expect(201);
  await post(`/sites/${site}/flags`)
    .send({
      key: 'new-checkout',
      enabled: true,
      rollout: 40,
      variants: [
        { key: 'control', weight: 50 },
        { key: 'one-step', weight: 50 },
      ],
      rules: [{ attribute: 'path', operator: 'in', values: ['/checkout*'] }],
    })
    .expect(201);
  viewer = await viewerOf('backup-viewer@shop.test', [site]);
  await stores.insertEvents([
    ...seedVisits(21, site, '2026-09-01 00:00:00', '2026-11-30 00:00:00', 400),
    ...seedFunnel(site, '2026-11-10 09:00:00', 20, 'backup'),
    // Web vitals, whose samples the finalizer stores per day and page too.
    ...[1200, 2600, 4100].map((lcp_ms, n) =>
      eventRow({ site_id: site, name: '$engagement', ts: `2026-11-0${n + 2} 10:00:00`, lcp_ms }),
    ),
  ]);
  await stores.command(
    `INSERT INTO autocapture_names (site_id, fingerprint, name, source, updated_at) VALUES (${site}, 'a1b2c3d4e5f60718', 'Buy now', 'ai', '2026-11-20 10:00:00')`,
  );
  // Visits of finalized days are read from their own tables: those are backed up too.
  await app.get(VisitFinalizer).finalize(new Date('2026-11-10T18:00:00Z'));
  await mergeEverything();
  await writeLmdbState();
  writeFileSync(join(dataDir(), KEY_FILE), keyFileBytes);
});

after(async () => {
  await app?.close();
  await stores?.stop();
});

let full: WrittenBackup;
let incremental: WrittenBackup;
let answersBefore: Record<string, unknown>;

test('a full backup holds every partition, the metadata without its secrets, and reports its progress', async () => {
  const steps: BackupProgress[] = [];
  full = await writeBackup(sources(), {
    folder: folder(),
    passphrase: PASSPHRASE,
    onProgress: (progress) => steps.push({ ...progress }),
  });
  const { manifest } = full;
  const live = await clickhouseRows();
  assert.deepEqual(
    manifest.clickhouse.partitions.map((copy) => ({
      table: copy.table,
      partition: copy.partition,
      rows: String(copy.rows),
    })),
    live,
  );
  assert.ok(manifest.clickhouse.partitions.every((copy) => copy.archive === null));
  // Every table the migrations create holds rows here (the finalized visits' too), and each is in the copy.
  assert.deepEqual([...new Set(manifest.clickhouse.partitions.map((copy) => copy.table))], TABLES);
  assert.deepEqual(manifest.lmdb, [HOT_STATE]);
  const last = steps.at(-1)!;
  assert.equal(last.stage, 'done');
  assert.equal(last.partitionsDone, live.length);
  assert.equal(last.partitionsTotal, live.length);
  assert.equal(
    last.rows,
    live.reduce((sum, row) => sum + Number(row.rows), 0),
  );
  assert.deepEqual(
    [...new Set(steps.map((step) => step.stage))],
    ['metadata', 'hot state', 'secrets', 'clickhouse', 'packing', 'done'],
  );

  // What the archive holds in the clear: the metadata without the signing secret, no key file, no sites file.
  const unpacked = join(stores.dir, 'unpacked');
  mkdirSync(unpacked);
  await extract({ file: full.file, cwd: unpacked });
  const archived = readFileSync(join(unpacked, 'secrets.sealed'), 'utf8');
  assert.ok(!archived.includes('backup.test'), 'the sites file is sealed');
  if (manifest.metadata.store === 'sqlite') {
    const copy = new BetterSqlite3(join(unpacked, 'metadata', 'metadata.sqlite'), { readonly: true });
    assert.deepEqual(copy.prepare('SELECT name, value FROM secrets').all(), [{ name: 'jwt', value: '' }]);
    copy.close();
  }
  assert.deepEqual(
    manifest.files
      .map((file) => file.path)
      .filter((path) => !path.startsWith('clickhouse/') && !path.startsWith('metadata/')),
    [`lmdb/${HOT_STATE}/data.mdb`, 'secrets.sealed'],
  );
});

test('an incremental backup after events of one month writes only the partitions they changed', async () => {
  await stores.insertEvents(seedVisits(22, site, '2026-11-15 00:00:00', '2026-11-16 00:00:00', 30));
  const written = await writeBackup(sources(), {
    folder: folder(),
    passphrase: PASSPHRASE,
    previous: full.file,
  });
  incremental = written;
  const { manifest } = written;
  assert.equal(manifest.previous, full.file.split('/').at(-1));
  assert.deepEqual(
    manifest.clickhouse.partitions
      .filter((copy) => copy.archive === null)
      .map((copy) => `${copy.table} ${copy.partition}`),
    // November's events and rollups; visitors_first_seen has no months (one partition, all time).
    ['events 202611', 'sessions_daily 202611', 'traffic_hourly 202611', 'visitors_first_seen tuple()'],
  );
  assert.ok(
    manifest.clickhouse.partitions
      .filter((copy) => copy.archive !== null)
      .every((copy) => copy.archive === manifest.previous),
  );
  assert.deepEqual(
    (await listBackups(folder())).map((backup) => [backup.name, backup.previous, backup.partitionsWritten]),
    [
      [written.file.split('/').at(-1), manifest.previous, 4],
      [manifest.previous, null, full.manifest.clickhouse.partitions.length],
    ],
  );
  answersBefore = await everything();
});

test("the panel's API: owners start a backup as a job, follow its progress, list and download archives", async () => {
  const viewerRefused = await post('/backups', viewer.token).send({ passphrase: PASSPHRASE });
  assert.deepEqual([viewerRefused.status, viewerRefused.body.code], [403, 'forbidden']);
  const short = await post('/backups').send({ passphrase: 'short' });
  assert.deepEqual(short.body, {
    statusCode: 400,
    code: 'validation_failed',
    message: 'passphrase must be 12 to 1024 characters',
  });
  // No passphrase given, and none configured (SLUICE_BACKUP_PASSPHRASE).
  const missing = await post('/backups').send({});
  assert.deepEqual([missing.status, missing.body.code], [400, 'validation_failed']);
  assert.match(missing.body.message, /^passphrase: needed/);

  const { body: job } = await post('/backups').send({ passphrase: PASSPHRASE }).expect(202);
  assert.deepEqual([job.state, job.startedBy, job.file], ['running', OWNER.email, null]);
  const busy = await post('/backups').send({ passphrase: PASSPHRASE });
  assert.deepEqual([busy.status, busy.body.code], [409, 'conflict']);
  let listing: {
    body: {
      job: { state: string; file: string; progress: BackupProgress };
      backups: Array<{ name: string; previous: string | null; partitionsWritten: number }>;
    };
  };
  await waitUntil('the backup job to finish', async () => {
    listing = await get('/backups').expect(200);
    return listing.body.job.state !== 'running';
  });
  const done = listing!.body;
  assert.equal(done.job.state, 'done');
  assert.equal(done.job.progress.stage, 'done');
  assert.equal(done.job.progress.partitionsDone, done.job.progress.partitionsTotal);
  // It built on the newest archive, and nothing changed since: every partition is referred to.
  assert.deepEqual(
    done.backups.map((backup) => [backup.name, backup.previous, backup.partitionsWritten]),
    [
      [done.job.file, incremental.file.split('/').at(-1), 0],
      [incremental.file.split('/').at(-1), full.file.split('/').at(-1), 4],
      [full.file.split('/').at(-1), null, full.manifest.clickhouse.partitions.length],
    ],
  );
  const download = await get(`/backups/${done.job.file}`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  assert.equal(download.headers['content-disposition'], `attachment; filename="${done.job.file}"`);
  assert.deepEqual(download.body, readFileSync(join(folder(), done.job.file)));
  await get('/backups/sluice-backup-2020-01-01T00-00-00-000Z.tar.gz').expect(404);
  const traversal = await get('/backups/..%2Fmetadata.sqlite');
  assert.deepEqual([traversal.status, traversal.body.code], [400, 'validation_failed']);
  const { body: audit } = await get('/audit?limit=1').expect(200);
  assert.deepEqual([audit[0].action, audit[0].target], ['backup.start', `job:${job.id}`]);
});

test('the CLI (npm run backup): --incremental builds on the newest archive, its progress on stderr', async () => {
  const newest = (await listBackups(folder()))[0].name;
  const passphraseFile = join(stores.dir, 'passphrase');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  const cli = spawnSync(
    process.execPath,
    [CLI, 'backup', '--incremental', '--passphrase-file', passphraseFile],
    { env: { ...process.env, ...env }, encoding: 'utf8' },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const written = (await listBackups(folder()))[0];
  assert.equal(
    cli.stdout,
    `${join(folder(), written.name)}: 0 partition(s) written, the others unchanged since ${newest}\n`,
  );
  const lines = cli.stderr.trimEnd().split('\n');
  const partitions = written.partitionsUnchanged;
  assert.deepEqual(lines.slice(0, 4), [
    'metadata',
    'hot state',
    'secrets',
    'clickhouse: 0/0 tables, 0/0 partitions, 0 rows, 0 bytes',
  ]);
  assert.equal(lines.at(-2), 'packing');
  assert.equal(lines.at(-1), 'done');
  assert.match(
    lines.at(-3)!,
    new RegExp(
      `^clickhouse [a-z_]+ \\S+: ${TABLES.length}/${TABLES.length} tables, ${partitions}/${partitions} partitions \\(${partitions} unchanged\\), 0 rows, 0 bytes$`,
    ),
  );
});

/** Restores that must be refused: the message, and that nothing was changed. */
async function assertRefused(archive: string, passphrase: string, message: RegExp): Promise<void> {
  const sqliteFile = join(dataDir(), 'metadata.sqlite');
  const metadata = env.DATABASE_URL ? undefined : readFileSync(sqliteFile);
  const rows = await clickhouseRows();
  await assert.rejects(restoreBackup(sources(), { archive, passphrase }), (error: Error) => {
    assert.ok(error instanceof BackupError);
    assert.match(error.message, message);
    return true;
  });
  if (metadata) assert.deepEqual(readFileSync(sqliteFile), metadata);
  assert.deepEqual(await clickhouseRows(), rows);
}

test('a truncated, a corrupt or an unchained archive and a wrong passphrase are refused, nothing overwritten', async () => {
  const truncated = join(stores.dir, 'sluice-backup-truncated.tar.gz');
  copyFileSync(incremental.file, truncated);
  truncateSync(truncated, Math.floor(readFileSync(truncated).length / 2));
  await assertRefused(
    truncated,
    PASSPHRASE,
    /can't be read: it is truncated or corrupt .*Nothing was restored/,
  );

  // A whole archive with one byte of a partition's file changed: its SHA-256 no longer matches.
  const corrupt = join(stores.dir, 'corrupt');
  mkdirSync(corrupt);
  await extract({ file: incremental.file, cwd: corrupt });
  const changed = incremental.manifest.files.find((file) => file.path.startsWith('clickhouse/events/'))!;
  const bytes = readFileSync(join(corrupt, changed.path));
  bytes[bytes.length - 1] ^= 0xff;
  writeFileSync(join(corrupt, changed.path), bytes);
  const repacked = join(folder(), 'sluice-backup-corrupt.tar.gz');
  await create({ gzip: true, cwd: corrupt, file: repacked }, readdirSync(corrupt));
  await assertRefused(
    repacked,
    PASSPHRASE,
    new RegExp(
      `is corrupt: ${changed.path} does not match its SHA-256 in the manifest. Nothing was restored$`,
    ),
  );
  rmSync(repacked);

  await assertRefused(
    incremental.file,
    'not the passphrase',
    /^Wrong passphrase: it does not open the archive's secrets/,
  );

  const aside = `${full.file}.aside`;
  renameSync(full.file, aside);
  await assertRefused(
    incremental.file,
    PASSPHRASE,
    /is incremental: it needs sluice-backup-.*\.tar\.gz \(an earlier backup of its chain\) beside it/,
  );
  renameSync(aside, full.file);

  // The CLI says the same and exits 1, its progress on stderr.
  const passphraseFile = join(stores.dir, 'wrong-passphrase');
  writeFileSync(passphraseFile, 'another long passphrase\n');
  const cli = spawnSync(
    process.execPath,
    [CLI, 'restore', incremental.file, '--passphrase-file', passphraseFile],
    { env: { ...process.env, ...env }, encoding: 'utf8' },
  );
  assert.equal(cli.status, 1);
  assert.equal(cli.stdout, '');
  assert.equal(
    cli.stderr,
    "verifying\nWrong passphrase: it does not open the archive's secrets. Nothing was restored\n",
  );
  assert.deepEqual(await everything(), answersBefore);
});

test('wiped and restored into a fresh install, every report, user, site, goal, dashboard and flag is the same', async () => {
  await app.close();
  // A fresh install: an empty ClickHouse database, an empty metadata store, no sites file, no data folder.
  await stores.command('DROP DATABASE sluice');
  rmSync(dataDir(), { recursive: true, force: true });
  rmSync(env.SLUICE_SITES_FILE);
  const fresh = { ...env, ...stores.freshMetadata('restored') };
  env = fresh;

  const restored = await restoreBackup(sources(), { archive: incremental.file, passphrase: PASSPHRASE });
  // Exactly the archived rows, one part per partition: nothing counted again through a materialized view.
  assert.deepEqual(
    await clickhouseRows(),
    restored.manifest.clickhouse.partitions.map((copy) => ({
      table: copy.table,
      partition: copy.partition,
      rows: String(copy.rows),
    })),
  );

  await start(fresh);
  // The owner's token from before the backup still signs in: the signing secret came back.
  assert.deepEqual(await everything(), answersBefore);
  const hot = openLmdb({ path: join(dataDir(), HOT_STATE) });
  assert.deepEqual([hot.get('visitors:online'), hot.get('sites:1:flags')], [42, { checkout: 'B' }]);
  assert.deepEqual(readFileSync(join(dataDir(), KEY_FILE)), keyFileBytes);
});

test('scheduled backups: taken when the newest is an interval old, then only the newest SLUICE_BACKUP_KEEP kept with their chains', async (t) => {
  await app.close();
  // Two hours on: the newest archive (the panel's) is past the hourly schedule's interval.
  const later = Date.now() + 2 * 3_600_000;
  t.mock.method(Date, 'now', () => later);
  const before = (await listBackups(folder())).map((backup) => backup.name);
  await start({
    ...env,
    SLUICE_BACKUP_SCHEDULE: 'hourly',
    SLUICE_BACKUP_KEEP: '1',
    SLUICE_BACKUP_PASSPHRASE: PASSPHRASE,
  });
  let backups: Awaited<ReturnType<typeof listBackups>> = [];
  await waitUntil('the scheduled backup and its retention', async () => {
    backups = await listBackups(folder());
    return !before.includes(backups[0]?.name) && backups.length < before.length;
  });
  // The restore wrote every partition anew (new parts): the scheduled archive needs no other, so it alone is kept.
  assert.deepEqual(
    backups.map((backup) => [backup.previous, backup.needs, backup.partitionsUnchanged]),
    [[before[0], [], 0]],
  );
  token = await signIn(http, OWNER); // the access token of two hours ago has expired
  const { body } = await get('/backups').expect(200);
  assert.deepEqual(
    [body.schedule, body.keep, body.passphraseConfigured, body.job.startedBy],
    ['hourly', 1, true, 'schedule'],
  );
});

test("restore's loads bypass the materialized views, which are attached again after", async () => {
  const clickhouse = new ClickHousePartitions(sources().clickhouse);
  const rollups = async () =>
    (
      await stores.query<{ rows: string }>(
        `SELECT toString((SELECT count() FROM sessions_daily) + (SELECT count() FROM traffic_hourly)) AS rows`,
      )
    )[0].rows;
  const event = (id: string) =>
    eventRow({ site_id: site, session_id: id, visitor_id: id, ts: '2026-10-05 10:00:00' });
  const before = await rollups();
  await clickhouse.withViewsDetached(() => stores.insertEvents([event('loaded-while-detached')]));
  assert.equal(await rollups(), before);
  await stores.insertEvents([event('after')]);
  assert.equal(Number(await rollups()), Number(before) + 2, 'a visit row in each rollup');
});
