import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AppConfig } from '../src/config/app-config.js';
import { HotState } from '../src/hot-state/hot-state.js';

test('hot state keeps named databases apart and survives a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-hot-state-'));
  try {
    const config = { dataDir } as AppConfig;
    const first = new HotState(config);
    await first.database<string>('names').put('1:abc', 'Clicked Buy');
    await first.database<number>('budget').put('1:abc', 7);
    await first.onApplicationShutdown();

    const second = new HotState(config);
    assert.equal(second.database<string>('names').get('1:abc'), 'Clicked Buy');
    assert.equal(second.database<number>('budget').get('1:abc'), 7);
    assert.equal(second.database<string>('names').get('1:other'), undefined);
    await second.onApplicationShutdown();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
