import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

// The edge image renders nginx's config at every container start from its environment (ops/docker/edge-entrypoint.sh
// runs this very command), so a setting changes with a restart, and a bad one stops the start naming it.
const dir = mkdtempSync(join(tmpdir(), 'sluice-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CLI = join(__dirname, '..', 'src', 'render-config.js');

function render(env: Record<string, string>) {
  const out = join(dir, 'nginx.conf');
  const result = spawnSync(
    process.execPath,
    [
      CLI,
      '--target',
      'openresty',
      '--out',
      out,
      '--listen-port',
      '8080',
      '--admin-port',
      env.EDGE_ADMIN_PORT ? '8081' : '',
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } },
  );
  return { ...result, config: result.status === 0 ? readFileSync(out, 'utf8') : '' };
}

test('trusted proxies, limits and the panel listener come from the environment at start', () => {
  const { status, stderr, config } = render({
    EDGE_TRUSTED_PROXIES: '10.0.0.0/8,192.0.2.7',
    EDGE_RATE_LIMIT: '40',
    EDGE_RATE_BURST: '80',
    EDGE_CONNECTION_LIMIT: '12',
    EDGE_ADMIN_PORT: '9443',
  });
  assert.equal(status, 0, stderr);
  assert.match(config, /set_real_ip_from 10\.0\.0\.0\/8;/);
  assert.match(config, /set_real_ip_from 192\.0\.2\.7;/);
  assert.match(config, /rate=40r\/s/);
  assert.match(config, /burst=80 nodelay/);
  assert.match(config, /limit_conn \S+ 12;/);
  assert.match(config, /listen 0\.0\.0\.0:8081;/, 'the panel on its own port inside the container');
});

test('a bad setting stops the start, naming the variable and the rule', () => {
  const { status, stderr } = render({ EDGE_RATE_LIMIT: 'lots', EDGE_TRUSTED_PROXIES: 'anyone' });
  assert.notEqual(status, 0);
  assert.match(stderr, /EDGE_TRUSTED_PROXIES must list addresses or CIDRs, comma-separated, got "anyone"/);
  assert.match(stderr, /EDGE_RATE_LIMIT must be a whole number from 1 to 1000000, got "lots"/);
});

test("the NDJSON file's rotation and the disk budget come from the environment, sizes as the settings write them", () => {
  const { status, stderr, config } = render({
    EDGE_DISK_BUDGET: '2g',
    EDGE_ROTATE_SIZE: '32m',
    EDGE_ROTATE_SECONDS: '5',
  });
  assert.equal(status, 0, stderr);
  assert.match(config, /disk_budget = 2147483648,/);
  assert.match(config, /rotate_bytes = 33554432,/);
  assert.match(config, /rotate_seconds = 5,/);
  const defaults = render({});
  assert.match(defaults.config, /disk_budget = 10737418240,/);
  const tooSmall = render({ EDGE_DISK_BUDGET: '16m' });
  assert.notEqual(tooSmall.status, 0);
  assert.match(
    tooSmall.stderr,
    /the disk budget \(EDGE_DISK_BUDGET, 16777216 bytes\) must be larger than the rotation size/,
  );
});
