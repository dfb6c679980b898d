import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../src/repo-root';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
/** `.nvmrc` names the one Node.js release everything runs on; `ops/bin/node-runtime.mjs` fetches it. */
const NODE_VERSION = read('.nvmrc').trim();

test('the suite runs on the Node.js release .nvmrc names (npm test fetches it where the machine has an older one)', () => {
  assert.equal(process.versions.node, NODE_VERSION);
});

test("package.json's engines ask for that release's major", () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines;
  assert.equal(engines.node, `>=${NODE_VERSION.split('.')[0]}`);
});

test('every image built on Node uses the same release as development and CI', () => {
  const dockerfiles = readdirSync(join(REPO_ROOT, 'ops', 'docker')).filter((name) =>
    name.endsWith('.Dockerfile'),
  );
  const nodeImages = dockerfiles.flatMap((name) =>
    [...read(join('ops', 'docker', name)).matchAll(/^FROM node:(\S+)/gm)].map(
      (match) => `${name}: ${match[1]}`,
    ),
  );
  assert.ok(nodeImages.length >= 3, nodeImages.join('\n'));
  for (const image of nodeImages)
    assert.match(image, new RegExp(`: ${NODE_VERSION.replaceAll('.', '\\.')}-`));
});
