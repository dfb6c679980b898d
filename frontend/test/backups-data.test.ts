import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { BackupJob, StoredBackup } from '../src/backups/api.js';
import { backupKind, formatSize, jobFraction, jobSummary } from '../src/backups/backups-data.js';

const job = (changes: Partial<BackupJob>, progress: Partial<BackupJob['progress']> = {}): BackupJob => ({
  id: 1,
  state: 'running',
  startedBy: 'owner@shop.test',
  startedAt: '2026-12-01T03:00:00.000Z',
  finishedAt: null,
  file: null,
  error: null,
  ...changes,
  progress: {
    stage: 'clickhouse',
    tablesDone: 2,
    tablesTotal: 9,
    partitionsDone: 6,
    partitionsTotal: 24,
    partitionsUnchanged: 0,
    rows: 123_456,
    bytes: 4_404_019,
    current: 'events 202611',
    ...progress,
  },
});

test('sizes in the largest unit under 1024 of it', () => {
  assert.deepEqual(
    [0, 912, 1024, 4_404_019, 3 * 1024 ** 3].map((bytes) => formatSize(bytes, 'en-US')),
    ['0 bytes', '912 bytes', '1.0 KB', '4.2 MB', '3.0 GB'],
  );
});

test('a job says where it is, how it ended, and how far it is', () => {
  assert.equal(
    jobSummary(job({}), 'en-US'),
    'Copying events 202611: 6 of 24 partitions, 123,456 rows, 4.2 MB of ClickHouse data',
  );
  assert.equal(jobSummary(job({}, { stage: 'metadata', current: null }), 'en-US'), 'Backing up: metadata');
  assert.equal(
    jobSummary(job({ state: 'done', file: 'sluice-backup-x.tar.gz' }, { partitionsDone: 24 }), 'en-US'),
    'Written: sluice-backup-x.tar.gz (24 of 24 partitions, 123,456 rows, 4.2 MB of ClickHouse data)',
  );
  assert.equal(jobSummary(job({ state: 'failed', error: 'disk full' })), 'The backup failed: disk full');
  assert.deepEqual(
    [job({}), job({}, { partitionsTotal: 0, partitionsDone: 0 }), job({ state: 'done' })].map(jobFraction),
    [0.25, 0, 1],
  );
});

test('an archive is full, or incremental and names what it needs', () => {
  const backup = (previous: string | null, needs: string[]): StoredBackup => ({
    name: 'sluice-backup-b.tar.gz',
    bytes: 10,
    createdAt: '2026-12-01T03:00:00.000Z',
    previous,
    needs,
    partitionsWritten: 4,
    partitionsUnchanged: 20,
  });
  assert.equal(backupKind(backup(null, [])), 'Full');
  assert.equal(
    backupKind(backup('sluice-backup-a.tar.gz', ['sluice-backup-a.tar.gz'])),
    'Incremental (4 partitions written, 20 unchanged; needs sluice-backup-a.tar.gz)',
  );
});
