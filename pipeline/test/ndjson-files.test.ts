import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { listInputFiles, readLines } from '../src/shipper/ndjson-files';

const dir = mkdtempSync(join(tmpdir(), 'sluice-ndjson-'));
const live = join(dir, 'events.ndjson');
const buffer = Buffer.alloc(1 << 16);
const texts = (file: Parameters<typeof readLines>[0]) =>
  readLines(file, 0, 100, buffer).lines.map((line) => line.text);

after(() => rmSync(dir, { recursive: true, force: true }));

test('a file rotated between its listing and its reading is read under its new name, never the new file under the old', () => {
  writeFileSync(live, '{"first":1}\n{"first":2}\n');
  const [listed] = listInputFiles(dir);

  // Renamed, and the edge has not reopened its log yet: nothing at the old name.
  renameSync(live, `${live}.1`);
  assert.deepEqual(readLines(listed, 0, 100, buffer), { lines: [], nextOffset: 0 });

  // The edge writes a new file under the old name: its lines are not the listed file's.
  writeFileSync(live, '{"second":1}\n');
  assert.deepEqual(texts(listed), []);

  // The next listing finds both, the rotated one by the same identity.
  const files = listInputFiles(dir);
  const rotated = files.find((file) => file.id === listed.id);
  assert.equal(rotated?.path, `${live}.1`);
  assert.deepEqual(texts(rotated!), ['{"first":1}', '{"first":2}']);
  assert.deepEqual(texts(files.find((file) => file.path === live)!), ['{"second":1}']);
});
