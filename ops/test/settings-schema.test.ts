import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  readSettings,
  renderEnvExample,
  SETTINGS,
  SettingsError,
  type Setting,
  type SettingName,
} from '@sluice/config';
import { ENV_EXAMPLE, README, readmeWithSettingsTable } from '../src/settings/settings-docs';

test('.env.example is the one the settings schema renders (npm run settings)', () => {
  assert.equal(readFileSync(ENV_EXAMPLE, 'utf8'), renderEnvExample());
});

test("the README's table of settings is the schema's", () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, readmeWithSettingsTable(readme));
});

test("every setting's default passes its own rule", () => {
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const spec: Setting = SETTINGS[name];
    if (spec.default !== undefined) assert.notEqual(spec.kind.parse(spec.default), undefined, name);
  }
});

test('bad values are refused together, each naming its variable and rule, and a secret is never echoed', () => {
  const error = (() => {
    try {
      readSettings(
        { EDGE_PORT: '80800', EDGE_TRUSTED_PROXIES: 'everyone', SLUICE_JWT_SECRET: 'short-secret' },
        ['EDGE_PORT', 'EDGE_TRUSTED_PROXIES', 'SLUICE_JWT_SECRET', 'CLICKHOUSE_ADMIN_PASSWORD'],
      );
    } catch (thrown) {
      return thrown;
    }
    return assert.fail('accepted');
  })();
  assert.ok(error instanceof SettingsError);
  assert.deepEqual(error.problems, [
    'EDGE_PORT must be a TCP port (1-65535), got "80800"',
    'EDGE_TRUSTED_PROXIES must list addresses or CIDRs, comma-separated, got "everyone"',
    'SLUICE_JWT_SECRET must be at least 32 characters (it has 12 characters)',
    'CLICKHOUSE_ADMIN_PASSWORD must be set',
  ]);
});

test('an empty variable takes the default, and the values are typed', () => {
  const values = readSettings(
    { EDGE_PORT: '', EDGE_TRUSTED_PROXIES: '10.0.0.0/8, ::1', SHIPPER_BATCH_MAX_BYTES: '2m' },
    ['EDGE_PORT', 'EDGE_TRUSTED_PROXIES', 'SHIPPER_BATCH_MAX_BYTES', 'RETENTION_MONTHS'],
  );
  assert.deepEqual(values, {
    EDGE_PORT: 8080,
    EDGE_TRUSTED_PROXIES: ['10.0.0.0/8', '::1'],
    SHIPPER_BATCH_MAX_BYTES: 2 << 20,
    RETENTION_MONTHS: undefined,
  });
});
