import assert from 'node:assert/strict';
import { test } from 'vitest';
import { accessSummary } from '../src/users/users-data.js';

const SITES = [
  { id: 1, domain: 'shop.example.com' },
  { id: 2, domain: 'docs.example.com' },
  { id: 3, domain: 'blog.example.com' },
];

test("a user's access in one line: role, then the sites in the list's order", () => {
  assert.deepEqual(
    [
      accessSummary({ role: 'viewer', siteIds: [2] }, SITES),
      accessSummary({ role: 'admin', siteIds: [3, 1] }, SITES),
      accessSummary({ role: 'viewer', siteIds: [3, 2, 1] }, SITES),
      accessSummary({ role: 'owner', siteIds: [] }, SITES),
      accessSummary({ role: 'viewer', siteIds: [] }, SITES),
      accessSummary({ role: 'admin', siteIds: [9] }, SITES),
    ],
    [
      'Viewer of docs.example.com',
      'Admin of shop.example.com and blog.example.com',
      'Viewer of shop.example.com, docs.example.com, and blog.example.com',
      'Owner of every site',
      'Viewer of no site yet',
      'Admin of no site yet',
    ],
  );
});
