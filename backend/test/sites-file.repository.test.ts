import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import type { AppConfig } from '../src/config/app-config.js';
import { SitesFileRepository } from '../src/sites/sites-file.repository.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-sites-'));
const sitesFile = join(dir, 'state', 'sites.json');
const repository = new SitesFileRepository({ sitesFile } as AppConfig);
const site = { key: 'k1', name: 'shop.test', domain: 'shop.test', timezone: 'UTC' };

describe('the sites file', () => {
  beforeEach(() => rmSync(join(dir, 'state'), { recursive: true, force: true }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file holds no site', async () => {
    assert.deepEqual(await repository.list(), []);
    assert.equal(await repository.findById(1), undefined);
  });

  test('sites get the next id and are written in the format the edge reads, readable by it', async () => {
    const previous = process.umask(0o077);
    try {
      assert.deepEqual(await repository.create(site), { id: 1, ...site });
      assert.deepEqual(await repository.create({ ...site, key: 'k2' }), { id: 2, ...site, key: 'k2' });
    } finally {
      process.umask(previous);
    }
    assert.deepEqual(JSON.parse(readFileSync(sitesFile, 'utf8')), {
      version: 1,
      sites: [
        { id: 1, ...site },
        { id: 2, ...site, key: 'k2' },
      ],
    });
    assert.equal(statSync(sitesFile).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(join(dir, 'state')), ['sites.json'], 'no temp file is left behind');
    assert.equal((await repository.findById(2))?.key, 'k2');
  });

  test('a broken file is reported, naming it, and never overwritten', async () => {
    await repository.create(site);
    for (const broken of [
      '{"version":1,"sites":[',
      '{"sites":[]}',
      '{"version":1,"sites":[{"id":1,"key":"k"}]}',
      '{"version":1,"sites":[{"id":1,"key":"k","name":"n","domain":"d","timezone":"UTC\')--"}]}',
    ]) {
      writeFileSync(sitesFile, broken);
      await assert.rejects(repository.list(), new RegExp(`the sites file ${sitesFile} is broken`), broken);
      await assert.rejects(repository.create(site), /is broken/);
      assert.equal(readFileSync(sitesFile, 'utf8'), broken);
    }
  });
});
