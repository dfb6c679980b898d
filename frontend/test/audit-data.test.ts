import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Schemas } from '../src/api/schemas.js';
import { actionWords, detailPairs, targetNames } from '../src/audit/audit-data.js';

test('an action in words; one this panel does not know, as recorded', () => {
  assert.equal(actionWords('site.rotate_key'), "Rotated a site's key");
  assert.equal(actionWords('dashboard.widget.add'), 'Added a widget to a dashboard');
  assert.equal(actionWords('site.archive' as Schemas['AuditAction']), 'site.archive');
});

test('details as labelled values in the order recorded: lists joined, flags in words, nothing as a dash', () => {
  assert.deepEqual(
    detailPairs({
      email: 'admin@example.com',
      role: 'admin',
      siteIds: [2, 4],
      dashboard_id: 7,
      enabled: false,
      from: null,
      tags: [],
      rule: { metric: 'visitors' },
    }),
    [
      { label: 'email', value: 'admin@example.com' },
      { label: 'role', value: 'admin' },
      { label: 'site ids', value: '2, 4' },
      { label: 'dashboard id', value: '7' },
      { label: 'enabled', value: 'no' },
      { label: 'from', value: '—' },
      { label: 'tags', value: 'none' },
      { label: 'rule', value: '{"metric":"visitors"}' },
    ],
  );
});

test('sites and users by name where the panel knows them, in the On column and in the details; a job, a key or a deleted site as recorded', () => {
  const site = { id: 4, domain: 'blog.example.com' } as Schemas['SiteResponseDto'];
  const account = { id: 3, email: 'admin@example.com' } as Schemas['UserResponseDto'];
  const nameOf = targetNames([site], [account]);
  assert.deepEqual(detailPairs({ siteIds: [4, 9], role: 'viewer' }, nameOf), [
    { label: 'sites', value: 'blog.example.com, site:9' },
    { label: 'role', value: 'viewer' },
  ]);
  assert.deepEqual(detailPairs({ siteId: 4 }, nameOf), [{ label: 'site', value: 'blog.example.com' }]);
  assert.deepEqual(['site:4', 'user:3', 'site:9', 'user:4', 'job:1', 'api_key:2'].map(nameOf), [
    'blog.example.com',
    'admin@example.com',
    'site:9',
    'user:4',
    'job:1',
    'api_key:2',
  ]);
});
