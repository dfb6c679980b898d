import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AppConfig } from '../src/config/app-config.js';
import { StateStore } from '../src/state/state-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-state-'));
const state = new StateStore({ dataDir: dir } as AppConfig);
after(async () => {
  await state.onModuleDestroy();
  rmSync(dir, { recursive: true, force: true });
});

test('the sweep removes expired values only, in a real LMDB file', () => {
  const now = Date.now();
  state.put('oidc:pending:abandoned', { verifier: 'v', expiresAt: now - 1 });
  state.put('family:1:old', { userId: 1, expiresAt: now - 60_000 });
  state.put('family:1:live', { userId: 1, expiresAt: now + 60_000 });
  state.put('secret:jwt', 'kept forever');
  state.put('totp:last-step:1', 12345);
  assert.equal(state.sweepExpired(now), 2);
  assert.deepEqual(state.keys(''), ['family:1:live', 'secret:jwt', 'totp:last-step:1']);
  assert.equal(state.sweepExpired(now), 0, 'nothing left to remove');
});
