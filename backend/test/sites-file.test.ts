import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import type { SiteEntry } from '@sluice/config';
import type { AppConfig } from '../src/config/app-config.js';
import { SitesFile } from '../src/sites/sites-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-sites-'));
const sitesFile = join(dir, 'state', 'sites.json');
const file = new SitesFile({ sitesFile } as AppConfig);
const site: SiteEntry = { id: 1, key: 'k1', name: 'shop.test', domain: 'shop.test', timezone: 'UTC' };

describe('the sites file', () => {
  beforeEach(() => rmSync(join(dir, 'state'), { recursive: true, force: true }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file holds no site', () => {
    assert.deepEqual(file.entries(), []);
  });

  test('sites are written in the format the edge reads, readable by it, atomically', async () => {
    const previous = process.umask(0o077);
    try {
      await file.export(async () => [site, { ...site, id: 2, key: 'k2', privacyMode: 'persistent' }]);
    } finally {
      process.umask(previous);
    }
    assert.deepEqual(JSON.parse(readFileSync(sitesFile, 'utf8')), {
      version: 1,
      sites: [site, { ...site, id: 2, key: 'k2', privacyMode: 'persistent' }],
    });
    assert.equal(statSync(sitesFile).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(dir, 'state')), ['sites.json'], 'no temp file is left behind');
    assert.deepEqual(
      file.entries().map(({ key }) => key),
      ['k1', 'k2'],
    );
  });

  test('exports run one after another: the last one called writes the file last', async () => {
    let releaseFirst: (() => void) | undefined;
    const slow = file.export(
      () => new Promise<SiteEntry[]>((resolve) => (releaseFirst = () => resolve([site]))),
    );
    const fast = file.export(async () => [site, { ...site, id: 2, key: 'k2' }]);
    while (!releaseFirst) await new Promise((resolve) => setImmediate(resolve));
    releaseFirst();
    await Promise.all([slow, fast]);
    assert.equal(file.entries().length, 2);
  });

  test('a broken file is reported, naming it', async () => {
    await file.export(async () => [site]);
    for (const broken of [
      '{"version":1,"sites":[',
      '{"sites":[]}',
      '{"version":1,"sites":[{"id":1,"key":"k"}]}',
      '{"version":1,"sites":[{"id":1,"key":"k","name":"n","domain":"d","timezone":"UTC\')--"}]}',
    ]) {
      writeFileSync(sitesFile, broken);
      assert.throws(() => file.entries(), new RegExp(`the sites file ${sitesFile} is broken`), broken);
    }
  });
});
