import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadAppConfig } from '../src/config/app-config.js';

const VALID = {
  CLICKHOUSE_URL: 'http://127.0.0.1:8123',
  CLICKHOUSE_ADMIN_USER: 'admin',
  CLICKHOUSE_ADMIN_PASSWORD: 'admin-secret',
  CLICKHOUSE_READER_USER: 'reader',
  CLICKHOUSE_READER_PASSWORD: 'reader-secret',
  SLUICE_SITES_FILE: '/var/lib/sluice/sites.json',
  BACKEND_DATA_DIR: '/var/lib/sluice/backend',
};

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadAppConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('the configuration was accepted');
};

describe('the configuration', () => {
  test('defaults fill what may be left out, and the result is frozen through', () => {
    const config = loadAppConfig(VALID);
    assert.deepEqual(
      {
        host: config.host,
        port: config.port,
        database: config.clickhouse.database,
        domain: config.defaultSiteDomain,
        retentionMonths: config.retentionMonths,
      },
      { host: '127.0.0.1', port: 3000, database: 'sluice', domain: 'localhost', retentionMonths: null },
    );
    assert.equal(loadAppConfig({ ...VALID, RETENTION_MONTHS: '25' }).retentionMonths, 25);
    assert.equal(config.clickhouse.cluster, undefined, 'one server unless a cluster is named');
    assert.equal(
      loadAppConfig({ ...VALID, CLICKHOUSE_CLUSTER: 'sluice_cluster' }).clickhouse.cluster,
      'sluice_cluster',
    );
    assert.deepEqual(config.pipeline, { shipperMetricsUrl: undefined, drainSeconds: 60 });
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.clickhouse.reader));
  });

  test('every missing variable is named at once', () => {
    assert.deepEqual(problemsOf({}), [
      'CLICKHOUSE_URL must be set',
      'CLICKHOUSE_ADMIN_PASSWORD must be set',
      'CLICKHOUSE_READER_PASSWORD must be set',
      'BACKEND_DATA_DIR must be set',
      'SLUICE_SITES_FILE must be set',
    ]);
  });

  test('a bad value is named with the rule it breaks, and the token is never echoed', () => {
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{ BACKEND_PORT: '70000' }, /^BACKEND_PORT must be a TCP port/],
      [{ BACKEND_PORT: '80a' }, /^BACKEND_PORT must be a TCP port/],
      [{ CLICKHOUSE_URL: 'clickhouse:8123' }, /^CLICKHOUSE_URL must be an http\(s\) URL/],
      [{ CLICKHOUSE_DATABASE: 'sluice; DROP' }, /^CLICKHOUSE_DATABASE must be an identifier/],
      [{ CLICKHOUSE_CLUSTER: 'two clusters' }, /^CLICKHOUSE_CLUSTER must be an identifier/],
      [
        { RETENTION_MONTHS: '0' },
        /^RETENTION_MONTHS must be a whole number of months from 1 to 9999, got "0"$/,
      ],
      [{ RETENTION_MONTHS: '1.5' }, /^RETENTION_MONTHS must be a whole number/],
      [
        { SLUICE_DEFAULT_SITE_DOMAIN: 'Shop Test' },
        /^SLUICE_DEFAULT_SITE_DOMAIN must be a lower-case host name/,
      ],
      [
        { SLUICE_JWT_SECRET: 'short-secret' },
        /^SLUICE_JWT_SECRET must be at least 32 characters \(it has 12 characters\)$/,
      ],
      [
        { ADMIN_PASSWORD: 'short-secre' },
        /^ADMIN_PASSWORD must be at least 12 characters \(it has 11 characters\)$/,
      ],
      [{ ADMIN_EMAIL: 'owner' }, /^ADMIN_EMAIL must be an email address/],
      [{ DATABASE_URL: 'mysql://user:short-secret@db/sluice' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
      [{ SLUICE_ADMIN_ORIGIN: 'https://panel.test/' }, /^SLUICE_ADMIN_ORIGIN must be an origin/],
      [
        { SLUICE_SHIPPER_METRICS_URL: '127.0.0.1:9146' },
        /^SLUICE_SHIPPER_METRICS_URL must be an http\(s\) URL/,
      ],
      [{ SLUICE_PIPELINE_DRAIN_SECONDS: '1m' }, /^SLUICE_PIPELINE_DRAIN_SECONDS must be a whole number/],
      [
        { OIDC_ASSUME_EMAIL_VERIFIED: 'yes' },
        /^OIDC_ASSUME_EMAIL_VERIFIED must be true or false, got "yes"$/,
      ],
      [{ SLUICE_PUBLIC_URL: 'analytics.shop.test' }, /^SLUICE_PUBLIC_URL must be an origin/],
      [{ SLUICE_PUBLIC_URL: 'https://shop.test/panel' }, /^SLUICE_PUBLIC_URL must be an origin/],
      [{ BACKEND_TRUSTED_PROXIES: 'everyone' }, /^BACKEND_TRUSTED_PROXIES must list loopback/],
      [{ BACKEND_TRUSTED_PROXIES: '10.0.0.0/33' }, /^BACKEND_TRUSTED_PROXIES must list loopback/],
      [{ SLUICE_PUBLIC_API_DOCS: '1' }, /^SLUICE_PUBLIC_API_DOCS must be true or false/],
    ];
    for (const [change, message] of cases) {
      const problems = problemsOf({ ...VALID, ...change });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0], message);
      assert.doesNotMatch(problems[0], /short-secret/);
    }
  });
});
