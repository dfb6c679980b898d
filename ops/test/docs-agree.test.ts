import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../src/repo-root';
import { parseEnvFile } from '../src/stack/settings';
import { trackerSnippet } from '@sluice/config';
import { PROXY_SNIPPETS, type ProxyServer } from './customer-site';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const ENV_EXAMPLE = parseEnvFile(read('.env.example'));
const SECRETS = ['CLICKHOUSE_ADMIN_PASSWORD', 'CLICKHOUSE_INGEST_PASSWORD', 'CLICKHOUSE_READER_PASSWORD'];

function composeConfig(env: Record<string, string>) {
  return spawnSync(
    'docker-compose',
    ['-f', 'docker-compose.yml', '--env-file', '.env.example', 'config', '-q'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    },
  );
}

test('docker-compose.yml is valid with the secrets set', () => {
  const result = composeConfig(Object.fromEntries(SECRETS.map((name) => [name, 'secret-value'])));
  assert.equal(result.status, 0, result.stderr);
});

test('docker-compose.yml refuses to start without a secret: no default passwords', () => {
  for (const missing of SECRETS) {
    const env = Object.fromEntries(
      SECRETS.filter((name) => name !== missing).map((name) => [name, 'secret-value']),
    );
    const result = composeConfig(env);
    assert.notEqual(result.status, 0, `compose accepted an empty ${missing}`);
    assert.match(result.stderr, new RegExp(missing));
  }
});

test('every variable docker-compose.yml reads is documented in .env.example', () => {
  const used = [...read('docker-compose.yml').matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]);
  assert.ok(used.length > 0);
  for (const name of new Set(used)) assert.ok(name in ENV_EXAMPLE, `${name} is not in .env.example`);
});

test('.env.example ships no secret values', () => {
  for (const name of SECRETS) assert.equal(ENV_EXAMPLE[name], '', `${name} must be empty in .env.example`);
});

test("the README's snippet is the one npm start prints", () => {
  assert.ok(read('README.md').includes(trackerSnippet('YOUR_SITE_KEY')));
});

test("the README's set-up commands are the package scripts", () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts.start, 'node ops/bin/start.mjs');
  assert.equal(scripts.test, 'node ops/bin/test.mjs');
  assert.match(read('README.md'), /```\nnpm start\nnpm test\n```/);
  assert.match(read('.ci/run'), /\nnpm test\n/);
});

/** The fence each server's first-party proxy snippet is shown in, in the README. */
const README_FENCES: Record<ProxyServer, string> = { nginx: 'nginx', caddy: 'caddyfile', apache: 'apache' };

for (const [server, file] of Object.entries(PROXY_SNIPPETS) as [ProxyServer, string][]) {
  test(`the README's ${server} first-party proxy block is the tested ${file} but for its comment lines, exactly`, () => {
    const withoutComments = read(file)
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    const blocks = [
      ...read('README.md').matchAll(new RegExp(`\`\`\`${README_FENCES[server]}\n([\\s\\S]*?)\`\`\``, 'g')),
    ];
    assert.equal(blocks.length, 1, `README has one ${README_FENCES[server]} block`);
    assert.equal(blocks[0][1], withoutComments);
    assert.match(withoutComments, /EDGE_ORIGIN/, 'the placeholder the README says to replace');
  });
}

test("every screenshot the panel tests write is linked from the panel's README, and every link has its file", () => {
  const files = readdirSync(join(REPO_ROOT, 'docs', 'screenshots')).sort();
  const links = [...read('frontend/README.md').matchAll(/\(\.\.\/docs\/screenshots\/([^)]+)\)/g)].map(
    ([, name]) => name,
  );
  assert.deepEqual([...new Set(links)].sort(), files);
});
