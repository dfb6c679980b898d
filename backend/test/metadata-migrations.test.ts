/**
 * Upgrading a metadata database that holds data: created at the first migration and filled, after each
 * migration, with rows as the code of that time wrote them, then taken through the rest of the migrations
 * as a start does (TypeORM's migrationsRun). Every row must come out with its values, as the code reads
 * them now; then each migration's `down`, as `typeorm migration:revert` runs it, must give back the shape
 * the database had before it, with the rows it held.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DataSource, type Table } from 'typeorm';
import { Annotation } from '../src/annotations/annotation.entity.js';
import { ApiKey } from '../src/api-keys/api-key.entity.js';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { KnownSource } from '../src/auth/known-source.entity.js';
import { SignInCount } from '../src/auth/sign-in-count.entity.js';
import { StoredSecret } from '../src/auth/stored-secret.entity.js';
import { DashboardWidget } from '../src/dashboards/dashboard-widget.entity.js';
import { Dashboard } from '../src/dashboards/dashboard.entity.js';
import { Goal } from '../src/goals/goal.entity.js';
import { SharedLink } from '../src/shared-links/shared-link.entity.js';
import { dataSourceOptions, MIGRATIONS } from '../src/metadata/data-source-options.js';
import { RefreshFamily } from '../src/sessions/refresh-family.entity.js';
import { SiteRecord } from '../src/sites/site.entity.js';
import { SiteGrant } from '../src/users/site-grant.entity.js';
import { UserIdentity } from '../src/users/user-identity.entity.js';
import { User } from '../src/users/user.entity.js';
import { startMetadataStores, type MetadataStores } from './harness.js';

let stores: MetadataStores;

before(async () => {
  stores = await startMetadataStores();
});

after(() => stores?.stop());

/** A moment of the data below. */
const at = (iso: string) => new Date(`${iso}Z`);

type Row = Record<string, unknown>;

/**
 * Inserts `rows` into `table` as the code of the time wrote them, with values as the driver takes them:
 * SQLite has no boolean (0 or 1) and keeps a moment as UTC text, as TypeORM writes it.
 */
async function insert(source: DataSource, table: string, ...rows: Row[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await run(
      source,
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')})
       VALUES (${columns.map(() => '?').join(', ')})`,
      Object.values(row),
    );
  }
}

async function update(source: DataSource, table: string, id: number, changes: Row): Promise<void> {
  const columns = Object.keys(changes).map((column) => `"${column}" = ?`);
  await run(source, `UPDATE "${table}" SET ${columns.join(', ')} WHERE id = ?`, [
    ...Object.values(changes),
    id,
  ]);
}

/** Runs `statement` with `?` placeholders as the driver takes them: $1… on PostgreSQL. */
async function run(source: DataSource, statement: string, values: unknown[]): Promise<void> {
  const postgres = source.options.type === 'postgres';
  let placeholder = 0;
  await source.query(
    postgres ? statement.replace(/\?/g, () => `$${++placeholder}`) : statement,
    values.map((value) => {
      if (postgres) return value;
      if (typeof value === 'boolean') return Number(value);
      return value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value;
    }),
  );
}

const HASH = (who: string) => `$argon2id$v=19$m=65536,t=3,p=4$${who}-salt$${who}-hash`;
const REFRESH_HASH = (n: number) => String(n).repeat(43);
const SITE = {
  timezone: 'UTC',
  allowed_origins: '[]',
  privacy_mode: 'cookieless',
  bot_policy: 'flag',
  retention_months: null,
  signing_secrets: '[]',
};

/** What each migration's time wrote, once the migration had run: users and their grants first, then sites, … */
const ROWS_AFTER: Record<string, (source: DataSource) => Promise<void>> = {
  async UsersGrantsAudit1763900000000(source) {
    const user = (email: string, role: string, mustChange: boolean, created: string) => ({
      email,
      password_hash: HASH(email.split('@')[0]),
      role,
      must_change_password: mustChange,
      created_at: at(created),
    });
    await insert(
      source,
      'users',
      user('owner@shop.test', 'owner', false, '2025-01-10 09:00:00'),
      user('admin@shop.test', 'admin', true, '2025-01-11 10:30:00'),
      user('viewer@shop.test', 'viewer', false, '2025-01-12 08:15:00'),
    );
    await insert(
      source,
      'site_grants',
      { user_id: 2, site_id: 1 },
      { user_id: 3, site_id: 1 },
      { user_id: 3, site_id: 2 },
    );
    await insert(
      source,
      'audit_log',
      {
        at: at('2025-01-10 09:00:00'),
        actor_id: null,
        actor_email: 'system',
        action: 'user.create',
        target: 'user:1',
        details: '{"role":"owner"}',
      },
      {
        at: at('2025-01-11 10:30:00'),
        actor_id: 1,
        actor_email: 'owner@shop.test',
        action: 'user.create',
        target: 'user:2',
        details: '{"siteIds":[1]}',
      },
    );
  },
  async Sites1763900000001(source) {
    await insert(
      source,
      'sites',
      {
        ...SITE,
        key: 'key-of-the-shop-site-1',
        name: 'Shop',
        domain: 'shop.test',
        created_at: at('2025-01-10 09:00:00'),
      },
      {
        key: 'key-of-the-berlin-site',
        name: 'Berlin shop',
        domain: 'berlin.test',
        // As it was typed then; the API takes canonical names only since.
        timezone: 'europe/berlin',
        allowed_origins: '["https://berlin.test"]',
        privacy_mode: 'persistent',
        bot_policy: 'drop',
        retention_months: 12,
        signing_secrets: '["c2lnbmluZy1zZWNyZXQ"]',
        created_at: at('2025-02-01 12:00:00'),
      },
    );
  },
  async Totp1763900000002(source) {
    await update(source, 'users', 3, { totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled: true });
  },
  async SignInAttempts1763900000003(source) {
    await insert(
      source,
      'sign_in_attempts',
      { counter: 'source:198.51.100.7', attempts: 3, blocked_until: 0, expires_at: 1_767_225_600_000 },
      {
        counter: 'account+source:viewer@shop.test|198.51.100.7',
        attempts: 7,
        blocked_until: 1_767_139_500_000,
        expires_at: 1_767_225_600_000,
      },
    );
    await insert(
      source,
      'known_sign_in_sources',
      { user_id: 1, source: '192.0.2.10', expires_at: 1_774_994_400_000 },
      { user_id: 3, source: '2001:db8:a:b::/64', expires_at: 1_774_994_400_000 },
    );
  },
  async SharedSessions1763900000004(source) {
    await insert(
      source,
      'refresh_families',
      {
        id: 'AAAAAAAAAAAAAAAAAAAAAA',
        user_id: 1,
        current_hash: REFRESH_HASH(1),
        previous_hash: null,
        rotated_at: 1_767_139_200_000,
        expires_at: 1_769_731_200_000,
      },
      {
        id: 'BBBBBBBBBBBBBBBBBBBBBB',
        user_id: 3,
        current_hash: REFRESH_HASH(2),
        previous_hash: REFRESH_HASH(3),
        rotated_at: 1_767_139_300_000,
        expires_at: 1_769_731_100_000,
      },
    );
    await insert(source, 'secrets', { name: 'jwt', value: 'the-generated-signing-secret' });
    await update(source, 'users', 3, { totp_last_step: 58_901_234 });
  },
  async UserIdentities1763900000005(source) {
    await insert(source, 'user_identities', {
      issuer: 'https://sso.shop.test',
      subject: 'admin-subject',
      user_id: 2,
      created_at: at('2025-03-01 09:00:00'),
    });
  },
  async SiteDeletion1763900000007(source) {
    await insert(source, 'sites', {
      ...SITE,
      key: 'key-of-the-gone-site-3',
      name: 'Gone',
      domain: 'gone.test',
      created_at: at('2025-04-01 08:00:00'),
      deleted_at: at('2025-05-01 10:00:00'),
      erased_at: at('2025-05-01 10:05:00'),
    });
  },
  async ApiKeys1763900000008(source) {
    const key = (n: number) => ({
      user_id: 3,
      prefix: `slk_Key${n}abcd`,
      hash: String(n).repeat(43),
      window_start: 0,
      window_requests: 0,
    });
    await insert(
      source,
      'api_keys',
      {
        ...key(1),
        name: 'Grafana',
        created_at: at('2025-06-01 09:00:00'),
        last_used_at: 1_767_139_200_000,
        window_start: 1_767_139_200_000,
        window_requests: 7,
      },
      { ...key(2), name: 'old export', created_at: at('2025-06-02 09:00:00'), revoked_at: 1_767_139_300_000 },
    );
  },
  async Goals1763900000009(source) {
    await insert(
      source,
      'goals',
      {
        site_id: 1,
        name: 'Checkout done',
        kind: 'page',
        match: '/checkout/**',
        created_at: at('2025-07-01 09:00:00'),
      },
      {
        site_id: 2,
        name: 'Bought pro',
        kind: 'event',
        match: 'purchase',
        property_key: 'plan',
        property_value: 'pro',
        created_at: at('2025-07-02 09:00:00'),
      },
    );
  },
  async Dashboards1763900000010(source) {
    await insert(source, 'dashboards', {
      site_id: 1,
      name: 'Marketing',
      created_at: at('2025-08-01 09:00:00'),
    });
    await insert(
      source,
      'dashboard_widgets',
      {
        dashboard_id: 1,
        position: 0,
        report_key: 'overview',
        query: 'period=30d',
        kind: 'metrics',
        width: 3,
      },
      {
        dashboard_id: 1,
        position: 1,
        report_key: 'overview',
        query: 'filter=country:DE',
        kind: 'breakdown',
        dimension: 'page',
        width: 1,
      },
    );
    await insert(source, 'shared_links', {
      site_id: 1,
      dashboard_id: 1,
      hash: '3'.repeat(43),
      prefix: 'shr_Link3abc',
      password_hash: HASH('link'),
      expires_at: 1_767_139_400_000,
      created_at: at('2025-08-02 09:00:00'),
      window_start: 1_767_139_200_000,
      window_requests: 4,
    });
  },
  async Annotations1763900000015(source) {
    await insert(
      source,
      'annotations',
      {
        site_id: 1,
        date: '2025-09-01',
        text: 'Launched the new pricing page',
        author_id: 2,
        created_at: at('2025-09-01 10:00:00'),
      },
      { site_id: 2, date: '2025-08-31', text: 'Newsletter sent', created_at: at('2025-09-02 09:00:00') },
    );
  },
};

/** The database at a migration: its tables' shape (columns, indices, keys) and every row of each, as JSON. */
interface State {
  shape: Record<string, ReturnType<typeof shapeOf>>;
  rows: Record<string, string[]>;
}

async function state(source: DataSource): Promise<State> {
  const runner = source.createQueryRunner();
  try {
    const names = (await runner.query(
      source.options.type === 'postgres'
        ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    )) as Array<{ name: string }>;
    const tables = (
      await runner.getTables(
        names.map(({ name }) => name).filter((name) => !['migrations', 'sqlite_sequence'].includes(name)),
      )
    ).sort((a, b) => a.name.localeCompare(b.name));
    const shape = Object.fromEntries(tables.map((table) => [table.name, shapeOf(table)]));
    const rows: State['rows'] = {};
    for (const { name } of tables)
      rows[name] = ((await runner.query(`SELECT * FROM "${name}"`)) as object[])
        .map((row) => JSON.stringify(row))
        .sort();
    return { shape, rows };
  } finally {
    await runner.release();
  }
}

/**
 * A table's shape. Its columns by name: PostgreSQL lists a table's columns in no set order (TypeORM reads
 * information_schema without an ORDER BY), and one CI run saw the same table's listed in two orders.
 */
const shapeOf = (table: Table) => ({
  columns: [...table.columns]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, type, length, isNullable, isPrimary, isGenerated, isUnique, default: value }) => ({
      name,
      type,
      length,
      isNullable,
      isPrimary,
      isGenerated,
      isUnique,
      default: value,
    })),
  indices: table.indices
    .map(({ name, columnNames, isUnique }) => JSON.stringify({ name, columnNames, isUnique }))
    .sort(),
  foreignKeys: table.foreignKeys
    .map(({ columnNames, referencedTableName, referencedColumnNames, onDelete }) =>
      JSON.stringify({ columnNames, referencedTableName, referencedColumnNames, onDelete }),
    )
    .sort(),
  uniques: table.uniques.map(({ columnNames }) => JSON.stringify(columnNames)).sort(),
});

/** `rows` as a database of `shape` holds them: tables and columns it lacks left out. */
function within(shape: State['shape'], rows: State['rows']): State['rows'] {
  return Object.fromEntries(
    Object.entries(shape).map(([table, { columns }]) => {
      const kept = columns.map(({ name }) => name);
      const project = (row: string) =>
        JSON.stringify(
          Object.fromEntries(Object.entries(JSON.parse(row)).filter(([column]) => kept.includes(column))),
        );
      return [table, rows[table].map(project).sort()];
    }),
  );
}

test('a database with data from the first migration on upgrades with every row intact, and each down gives back the shape and rows before it', async () => {
  const store = stores.fresh('upgrade');
  const open = async (migrations: typeof MIGRATIONS) => {
    const source = new DataSource({
      ...dataSourceOptions({ dataDir: store.BACKEND_DATA_DIR, databaseUrl: store.DATABASE_URL }),
      migrations,
    });
    return source.initialize();
  };

  // Up, one migration per start, as releases came; the database before each migration is kept.
  const before: State[] = [];
  for (const [n, migration] of MIGRATIONS.entries()) {
    const source = await open(MIGRATIONS.slice(0, n));
    before.push(await state(source));
    await source.destroy();
    const upgraded = await open(MIGRATIONS.slice(0, n + 1));
    await ROWS_AFTER[migration.name]?.(upgraded);
    await upgraded.destroy();
  }

  const source = await open(MIGRATIONS);
  /** Every row of `entity`, as the code reads it now (plain objects, to compare with). */
  const read = async <T extends object>(entity: new () => T, order: object) =>
    (await source.getRepository(entity).find({ order } as never)).map((row) => ({ ...row }));
  const user = (id: number, email: string, role: string, created: string) => ({
    id,
    email,
    passwordHash: HASH(email.split('@')[0]),
    role,
    mustChangePassword: false,
    totpSecret: null,
    totpEnabled: false,
    totpLastStep: null,
    createdAt: at(created),
  });
  assert.deepEqual(await read(User, { id: 'ASC' }), [
    user(1, 'owner@shop.test', 'owner', '2025-01-10 09:00:00'),
    { ...user(2, 'admin@shop.test', 'admin', '2025-01-11 10:30:00'), mustChangePassword: true },
    {
      ...user(3, 'viewer@shop.test', 'viewer', '2025-01-12 08:15:00'),
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      totpEnabled: true,
      totpLastStep: 58_901_234,
    },
  ]);
  assert.deepEqual(await read(SiteGrant, { userId: 'ASC', siteId: 'ASC' }), [
    { userId: 2, siteId: 1 },
    { userId: 3, siteId: 1 },
    { userId: 3, siteId: 2 },
  ]);
  assert.deepEqual(await read(AuditEntry, { id: 'ASC' }), [
    {
      id: 1,
      at: at('2025-01-10 09:00:00'),
      actorId: null,
      actorEmail: 'system',
      action: 'user.create',
      target: 'user:1',
      details: '{"role":"owner"}',
    },
    {
      id: 2,
      at: at('2025-01-11 10:30:00'),
      actorId: 1,
      actorEmail: 'owner@shop.test',
      action: 'user.create',
      target: 'user:2',
      details: '{"siteIds":[1]}',
    },
  ]);
  const site = {
    allowedOrigins: [],
    blockedAddresses: [],
    blockedCountries: [],
    blockedPages: [],
    privacyMode: 'cookieless',
    botPolicy: 'flag',
    retentionMonths: null,
    signingSecrets: [],
    timezone: 'UTC',
    deletedAt: null,
    erasedAt: null,
  };
  assert.deepEqual(await read(SiteRecord, { id: 'ASC' }), [
    {
      ...site,
      id: 1,
      key: 'key-of-the-shop-site-1',
      name: 'Shop',
      domain: 'shop.test',
      createdAt: at('2025-01-10 09:00:00'),
    },
    {
      ...site,
      id: 2,
      key: 'key-of-the-berlin-site',
      name: 'Berlin shop',
      domain: 'berlin.test',
      timezone: 'Europe/Berlin',
      allowedOrigins: ['https://berlin.test'],
      privacyMode: 'persistent',
      botPolicy: 'drop',
      retentionMonths: 12,
      signingSecrets: ['c2lnbmluZy1zZWNyZXQ'],
      createdAt: at('2025-02-01 12:00:00'),
    },
    {
      ...site,
      id: 3,
      key: 'key-of-the-gone-site-3',
      name: 'Gone',
      domain: 'gone.test',
      createdAt: at('2025-04-01 08:00:00'),
      deletedAt: at('2025-05-01 10:00:00'),
      erasedAt: at('2025-05-01 10:05:00'),
    },
  ]);
  assert.deepEqual(await read(SignInCount, { counter: 'ASC' }), [
    {
      counter: 'account+source:viewer@shop.test|198.51.100.7',
      attempts: 7,
      blockedUntil: 1_767_139_500_000,
      expiresAt: 1_767_225_600_000,
    },
    { counter: 'source:198.51.100.7', attempts: 3, blockedUntil: 0, expiresAt: 1_767_225_600_000 },
  ]);
  assert.deepEqual(await read(KnownSource, { userId: 'ASC' }), [
    { userId: 1, source: '192.0.2.10', expiresAt: 1_774_994_400_000 },
    { userId: 3, source: '2001:db8:a:b::/64', expiresAt: 1_774_994_400_000 },
  ]);
  assert.deepEqual(await read(RefreshFamily, { id: 'ASC' }), [
    {
      id: 'AAAAAAAAAAAAAAAAAAAAAA',
      userId: 1,
      currentHash: REFRESH_HASH(1),
      previousHash: null,
      rotatedAt: 1_767_139_200_000,
      expiresAt: 1_769_731_200_000,
    },
    {
      id: 'BBBBBBBBBBBBBBBBBBBBBB',
      userId: 3,
      currentHash: REFRESH_HASH(2),
      previousHash: REFRESH_HASH(3),
      rotatedAt: 1_767_139_300_000,
      expiresAt: 1_769_731_100_000,
    },
  ]);
  assert.deepEqual(await read(StoredSecret, { name: 'ASC' }), [
    { name: 'jwt', value: 'the-generated-signing-secret' },
  ]);
  assert.deepEqual(await read(UserIdentity, { issuer: 'ASC' }), [
    {
      issuer: 'https://sso.shop.test',
      subject: 'admin-subject',
      userId: 2,
      createdAt: at('2025-03-01 09:00:00'),
    },
  ]);

  const apiKey = {
    userId: 3,
    lastUsedAt: null,
    revokedAt: null,
    windowStart: 0,
    windowRequests: 0,
  };
  assert.deepEqual(await read(ApiKey, { id: 'ASC' }), [
    {
      ...apiKey,
      id: 1,
      name: 'Grafana',
      prefix: 'slk_Key1abcd',
      hash: '1'.repeat(43),
      createdAt: at('2025-06-01 09:00:00'),
      lastUsedAt: 1_767_139_200_000,
      windowStart: 1_767_139_200_000,
      windowRequests: 7,
    },
    {
      ...apiKey,
      id: 2,
      name: 'old export',
      prefix: 'slk_Key2abcd',
      hash: '2'.repeat(43),
      createdAt: at('2025-06-02 09:00:00'),
      revokedAt: 1_767_139_300_000,
    },
  ]);

  assert.deepEqual(await read(Goal, { id: 'ASC' }), [
    {
      id: 1,
      siteId: 1,
      name: 'Checkout done',
      kind: 'page',
      match: '/checkout/**',
      propertyKey: null,
      propertyValue: null,
      scrollDepth: null,
      createdAt: at('2025-07-01 09:00:00'),
    },
    {
      id: 2,
      siteId: 2,
      name: 'Bought pro',
      kind: 'event',
      match: 'purchase',
      propertyKey: 'plan',
      propertyValue: 'pro',
      scrollDepth: null,
      createdAt: at('2025-07-02 09:00:00'),
    },
  ]);
  assert.deepEqual(await read(Dashboard, { id: 'ASC' }), [
    { id: 1, siteId: 1, name: 'Marketing', createdAt: at('2025-08-01 09:00:00') },
  ]);
  const widget = { dashboardId: 1, reportKey: 'overview' };
  assert.deepEqual(await read(DashboardWidget, { id: 'ASC' }), [
    { ...widget, id: 1, position: 0, query: 'period=30d', kind: 'metrics', dimension: null, width: 3 },
    {
      ...widget,
      id: 2,
      position: 1,
      query: 'filter=country:DE',
      kind: 'breakdown',
      dimension: 'page',
      width: 1,
    },
  ]);
  assert.deepEqual(await read(SharedLink, { id: 'ASC' }), [
    {
      id: 1,
      siteId: 1,
      dashboardId: 1,
      reportKey: null,
      query: null,
      hash: '3'.repeat(43),
      prefix: 'shr_Link3abc',
      passwordHash: HASH('link'),
      expiresAt: 1_767_139_400_000,
      revokedAt: null,
      createdAt: at('2025-08-02 09:00:00'),
      windowStart: 1_767_139_200_000,
      windowRequests: 4,
    },
  ]);

  // The author is a relation, loaded only where asked for (its email, for the API).
  assert.deepEqual(await read(Annotation, { id: 'ASC' }), [
    {
      id: 1,
      siteId: 1,
      date: '2025-09-01',
      text: 'Launched the new pricing page',
      authorId: 2,
      author: undefined,
      createdAt: at('2025-09-01 10:00:00'),
    },
    {
      id: 2,
      siteId: 2,
      date: '2025-08-31',
      text: 'Newsletter sent',
      authorId: null,
      author: undefined,
      createdAt: at('2025-09-02 09:00:00'),
    },
  ]);

  // Down, one migration at a time: the shape before the migration comes back, and every row with it, less
  // the tables and columns the migration had added (a data migration's changes stay: the time zones it
  // canonicalized are names the older code took too), and less the rows the older code would not have
  // kept: a deleted site had no row before SiteDeletion.
  const goneBefore: Record<string, (table: string, row: Row) => boolean> = {
    SiteDeletion1763900000007: (table, row) => table === 'sites' && row.erased_at !== null,
  };
  for (let n = MIGRATIONS.length - 1; n >= 0; n--) {
    const { rows } = await state(source);
    await source.undoLastMigration();
    const { shape } = before[n];
    const gone = goneBefore[MIGRATIONS[n].name] ?? (() => false);
    const kept = Object.fromEntries(
      Object.entries(rows).map(([table, list]) => [
        table,
        list.filter((row) => !gone(table, JSON.parse(row) as Row)),
      ]),
    );
    assert.deepEqual(await state(source), { shape, rows: within(shape, kept) }, `${MIGRATIONS[n].name} down`);
  }
  await source.destroy();
});

test('reverting SiteDeletion waits for the sites being deleted: the older code would never erase their data', async () => {
  const store = stores.fresh('revert-mid-deletion');
  // Migrated up to SiteDeletion, so that it is the one reverted.
  const through = MIGRATIONS.findIndex(({ name }) => name === 'SiteDeletion1763900000007');
  const source = await new DataSource({
    ...dataSourceOptions({ dataDir: store.BACKEND_DATA_DIR, databaseUrl: store.DATABASE_URL }),
    migrations: MIGRATIONS.slice(0, through + 1),
  }).initialize();
  await source.runMigrations();
  await insert(source, 'sites', {
    ...SITE,
    key: 'key-of-a-site-being-deleted',
    name: 'Going',
    domain: 'going.test',
    created_at: at('2025-04-01 08:00:00'),
    deleted_at: at('2025-05-01 10:00:00'),
  });
  const [{ id }] = (await source.query("SELECT id FROM sites WHERE domain = 'going.test'")) as Array<{
    id: number;
  }>;
  await assert.rejects(source.undoLastMigration(), {
    message: `sites ${id} are being deleted: revert once their data is erased (GET /api/sites/:id/status)`,
  });
  const after = (await source.query(
    'SELECT domain, deleted_at FROM sites WHERE id = ' + Number(id),
  )) as Row[];
  assert.equal(after.length, 1, 'the site and its deletion mark are kept');
  assert.notEqual(after[0].deleted_at, null);
  await source.destroy();
});
