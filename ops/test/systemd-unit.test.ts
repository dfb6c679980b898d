import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../src/repo-root';

const UNITS = join(REPO_ROOT, 'ops', 'systemd');

test("the systemd units pass systemd's own check without a warning (an unknown key is only a warning there)", () => {
  const units = readdirSync(UNITS).filter((name) => /\.(service|timer)$/.test(name));
  assert.ok(units.includes('sluice.service'), units.join(', '));
  for (const unit of units) {
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', join(UNITS, unit)], {
      encoding: 'utf8',
    });
    assert.equal(`${result.stdout}${result.stderr}`.trim(), '', unit);
    assert.equal(result.status, 0, unit);
  }
});
