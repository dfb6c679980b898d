import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderEdgeConfig, startEdge } from '../src';
import { EdgeHarness, SITE, writeSites } from './edge-harness';

const EVENT = { n: 'pageview', u: 'https://shop.test/' };

test('a site added to the sites file is served within seconds, without a reload', async () => {
  const harness = await new EdgeHarness().start();
  try {
    const added = { ...SITE, id: 8, key: 'site-key-eight' };
    assert.equal((await harness.post({ s: added.key, e: [EVENT] })).status, 400);
    writeSites(harness.options.sitesFile, [SITE, added]);
    const deadline = Date.now() + 6000;
    let status = 0;
    while (Date.now() < deadline && status !== 204) {
      status = (await harness.post({ s: added.key, e: [EVENT] })).status;
      if (status !== 204) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 204);
    const rows = await harness.rows(1);
    assert.equal(rows[0].site_id, 8);
    // A broken file keeps the last good set (and warns, without an error).
    writeFileSync(harness.options.sitesFile, '{ not json');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal((await harness.post({ s: added.key, e: [EVENT] })).status, 204);
    assert.deepEqual(harness.errorLines(), []);
  } finally {
    await harness.stop();
  }
});

async function visitorIds(trustedProxies: string[], forwardedFor: string[]): Promise<string[]> {
  const harness = await new EdgeHarness().start({ trustedProxies });
  try {
    for (const address of forwardedFor) {
      assert.equal((await harness.post({ s: SITE.key, e: [EVENT] }, { 'x-forwarded-for': address })).status, 204);
    }
    const rows = await harness.rows(forwardedFor.length);
    assert.ok(!harness.lines().join('').includes('203.0.113.'), 'no forwarded address is written');
    return rows.map((row) => row.visitor_id);
  } finally {
    await harness.stop();
  }
}

test('X-Forwarded-For from a trusted proxy tells visitors apart', async () => {
  const [a, b, a2] = await visitorIds(['127.0.0.1'], ['203.0.113.1', '203.0.113.2', '203.0.113.1']);
  assert.notEqual(a, b);
  assert.equal(a, a2);
});

test('X-Forwarded-For from an untrusted peer is ignored', async () => {
  const [a, b] = await visitorIds(['192.0.2.10'], ['203.0.113.1', '203.0.113.2']);
  assert.equal(a, b);
});

test('the visitor salt persists across restarts, so visitor ids stay stable', async () => {
  const harness = await new EdgeHarness().start();
  try {
    await harness.post({ s: SITE.key, e: [EVENT] });
    const [first] = await harness.rows(1);
    await harness.edge.stop();
    harness.edge = await startEdge(harness.options);
    await harness.post({ s: SITE.key, e: [EVENT] });
    const rows = await harness.rows(2);
    assert.equal(rows[1].visitor_id, first.visitor_id);
  } finally {
    await harness.stop();
  }
});

test('the template renders a valid config for both Debian nginx and the OpenResty image', () => {
  const harness = new EdgeHarness();
  const dir = harness.dir;
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const options = {
    listenHost: '127.0.0.1',
    listenPort: 8080,
    prefix: dir,
    eventsLog: join(dir, 'events.ndjson'),
    sitesFile: join(dir, 'sites.json'),
    stateDir: dir,
    contractJson: join(__dirname, '..', '..', '..', 'config', 'dist', 'event-contract.json'),
    luaDir: join(__dirname, '..', '..', 'lua'),
    trackerDir: dir,
    adminDir: dir,
    backendUpstream: 'backend:3000',
    trustedProxies: ['10.0.0.0/8', '::1'],
    workerProcesses: 'auto' as const,
  };
  for (const target of ['debian', 'openresty'] as const) {
    let conf = renderEdgeConfig({ ...options, target });
    assert.doesNotMatch(conf, /\{\{/);
    // OpenResty has ngx_lua built in; Debian's nginx needs the modules loaded to check the same file.
    if (target === 'openresty') conf = renderEdgeConfig({ ...options, target: 'debian' }).split('\n').slice(0, 4).join('\n') + '\n' + conf;
    const path = join(dir, `${target}.conf`);
    writeFileSync(path, conf);
    // `backend` resolves only inside compose: check with a resolvable upstream.
    writeFileSync(path, conf.replace('http://backend:3000', 'http://127.0.0.1:3000'));
    execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', path, '-e', join(dir, 'error.log')]);
  }
  assert.throws(() => renderEdgeConfig({ ...options, target: 'debian', prefix: "/tmp/x'; evil" }), /characters/);
});
