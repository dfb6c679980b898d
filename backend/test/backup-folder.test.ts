import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { applyRetention, listBackups, writeSidecar } from '../src/backup/backup-folder.js';
import type { Manifest, PartitionCopy } from '../src/backup/manifest.js';

/** Retention over a folder of archives (their bytes don't matter here: listing and retention read the sidecars). */
const folder = mkdtempSync(join(tmpdir(), 'sluice-backups-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const name = (hour: number) => `sluice-backup-2026-12-01T${String(hour).padStart(2, '0')}-00-00-000Z.tar.gz`;

/** An archive written at `hour`, holding one partition and referring to `refersTo` for another. */
function archive(hour: number, previous: number | null, refersTo: number | null): void {
  const copy = (archiveName: string | null, partition: string): PartitionCopy => ({
    table: 'events',
    partition,
    rows: 1,
    parts: [`${partition}_1_1_0`],
    signature: `${partition}_1_1_0@2026-12-01 00:00:00`,
    file: { path: `clickhouse/events/${partition}.native.gz`, bytes: 1, sha256: '' },
    archive: archiveName,
  });
  const manifest = {
    createdAt: `2026-12-01T${String(hour).padStart(2, '0')}:00:00.000Z`,
    previous: previous === null ? null : name(previous),
    clickhouse: {
      tables: {},
      partitions: [copy(null, '202612'), ...(refersTo === null ? [] : [copy(name(refersTo), '202611')])],
    },
  } as unknown as Manifest;
  writeFileSync(join(folder, name(hour)), 'archive');
  writeSidecar(folder, name(hour), manifest);
}

test('retention keeps the newest archives and every earlier one they need, and deletes the rest', async () => {
  archive(1, null, null); // full
  archive(2, 1, 1); // builds on 1
  archive(3, 2, 1); // builds on 2, but its unchanged partition is still the one archive 1 holds
  archive(4, null, null); // full again
  archive(5, 4, 4);
  assert.deepEqual(
    (await listBackups(folder)).map((backup) => [backup.name, backup.needs]),
    [
      [name(5), [name(4)]],
      [name(4), []],
      [name(3), [name(1)]],
      [name(2), [name(1)]],
      [name(1), []],
    ],
  );
  // Keeping 3: 5, 4 and 3, and 1 that 3 needs; 2 goes.
  assert.deepEqual(await applyRetention(folder, 3), [name(2)]);
  // Keeping 1: 5 and 4 that it needs.
  assert.deepEqual(await applyRetention(folder, 1), [name(3), name(1)]);
  assert.deepEqual(readdirSync(folder).sort(), [
    name(4),
    `${name(4)}.manifest.json`,
    name(5),
    `${name(5)}.manifest.json`,
  ]);
});
