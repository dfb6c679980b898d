import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../src/repo-root';

// The folders show the architecture: config and lib below everything, the parts in the middle, ops on top. Product
// code never imports from a folder above it, and what production runs never loads the servers tests start.

/** Product source folders, and the packages each may import. */
const PRODUCT: Record<string, string[]> = {
  'config/src': [],
  'lib/processes/src': [],
  'lib/traffic/src': ['@sluice/config'],
  'edge/src': ['@sluice/config', '@sluice/processes'],
  'pipeline/src': ['@sluice/config', '@sluice/processes'],
  'backend/src': ['@sluice/config', '@sluice/pipeline', '@sluice/traffic'],
};

function sources(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

test('product code imports only the Sluice packages below it', () => {
  for (const [dir, allowed] of Object.entries(PRODUCT)) {
    for (const file of sources(dir)) {
      // The pipeline's test support is a subpath of its own, for tests only.
      if (file.startsWith('pipeline/src/testing/')) continue;
      const imported = [
        ...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/from '(@sluice\/[\w-]+)/g),
      ].map((match) => match[1]);
      for (const name of imported) assert.ok(allowed.includes(name), `${file} imports ${name}`);
    }
  }
});

test("the pipeline's main entry, which the backend loads, loads none of the test servers", () => {
  const probe = `require('@sluice/pipeline');
    const loaded = Object.keys(require.cache).filter((path) => path.includes('/lib/services/'));
    process.stdout.write(JSON.stringify(loaded));`;
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: join(REPO_ROOT, 'backend'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), []);
});

test("the backend's image installs and copies only the packages the backend runs", () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'ops/docker/backend.Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  assert.match(
    runtime,
    /npm ci --omit=dev [^\n]*-w config -w lib\/processes -w lib\/traffic -w pipeline -w backend/,
  );
  const copiedBuilds = [...runtime.matchAll(/COPY --from=build \/app\/(\S+)\/dist /g)].map(
    (match) => match[1],
  );
  assert.deepEqual(copiedBuilds.sort(), ['backend', 'config', 'lib/processes', 'lib/traffic', 'pipeline']);
  const pipeline = JSON.parse(readFileSync(join(REPO_ROOT, 'pipeline/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.equal(
    '@sluice/services' in pipeline.dependencies,
    false,
    'the test servers are a development dependency',
  );
});
