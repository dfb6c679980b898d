import assert from 'node:assert/strict';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluateFlag, type FlagContext, type FlagsDocument, type PublishedFlag } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { EdgeHarness, requestFrom, SITE, writeSites } from './edge-harness';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PERSISTENT = { ...SITE, id: 9, key: 'site-key-nine', privacyMode: 'persistent' as const };

const flag = (key: string, fields: Partial<PublishedFlag> = {}): PublishedFlag => ({
  key,
  enabled: true,
  rollout: 100,
  variants: [],
  rules: [],
  ...fields,
});

const FLAGS: PublishedFlag[] = [
  flag('off', { enabled: false }),
  flag('half', { rollout: 50 }),
  flag('checkout', {
    variants: [
      { key: 'control', weight: 50 },
      { key: 'one-step', weight: 50 },
    ],
  }),
  flag('pricing-only', { rules: [{ attribute: 'path', operator: 'in', values: ['/pricing/*'] }] }),
  flag('outside-us', { rules: [{ attribute: 'country', operator: 'not_in', values: ['US'] }] }),
  flag('mobile-safari', {
    rules: [
      { attribute: 'device', operator: 'in', values: ['mobile'] },
      { attribute: 'browser', operator: 'in', values: ['Mobile Safari'] },
    ],
  }),
  flag('signed-in', { rules: [{ attribute: 'userId', operator: 'in', values: ['present'] }] }),
];

/** The backend's way: a temp file renamed over the old one. */
function publish(harness: EdgeHarness, siteId: number, flags: PublishedFlag[], version: string): void {
  const dir = join(harness.dir, 'flags');
  mkdirSync(dir, { recursive: true });
  const document: FlagsDocument = { version, flags };
  writeFileSync(join(dir, `.${siteId}.tmp`), JSON.stringify(document));
  renameSync(join(dir, `.${siteId}.tmp`), join(dir, `${siteId}.json`));
}

const NO_CONTEXT: FlagContext = { path: '/', country: '', device: '', browser: '', hasUserId: true };

const expected = (flags: PublishedFlag[], context: FlagContext, stableId: string) =>
  Object.fromEntries(flags.map((subject) => [subject.key, evaluateFlag(subject, context, stableId)]));

async function withEdge(run: (harness: EdgeHarness) => Promise<void>): Promise<void> {
  const harness = new EdgeHarness();
  writeSites(join(harness.dir, 'sites.json'), [SITE, PERSISTENT]);
  await harness.start({ flagsMaxAgeSeconds: 5 });
  try {
    await run(harness);
    assert.deepEqual(harness.errorLines(), [], 'the error log has no errors and names no client');
  } finally {
    await harness.stop();
  }
}

function flagsOf(
  harness: EdgeHarness,
  query: string,
  headers: Record<string, string> = {},
): ReturnType<typeof requestFrom> {
  return requestFrom(`${harness.edge.url}/telemetry/flags?${query}`, {
    headers: { 'user-agent': CHROME, 'x-forwarded-for': '8.8.8.8', ...headers },
  });
}

test('the edge evaluates the published flags for the page: the user id, path, country, device and browser decide', async () => {
  await withEdge(async (harness) => {
    publish(harness, SITE.id, FLAGS, 'v1');
    const pricing = { referer: 'https://shop.test/pricing/pro?plan=2' };
    const answer = await flagsOf(harness, `s=${SITE.key}&i=u-42`, pricing);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'application/json');
    assert.equal(answer.headers['cache-control'], 'private, max-age=5');
    const context = {
      path: '/pricing/pro',
      country: 'US',
      device: 'desktop',
      browser: 'Chrome',
      hasUserId: true,
    };
    const values = JSON.parse(answer.body) as Record<string, unknown>;
    assert.deepEqual(values, expected(FLAGS, context, 'u-42'));
    // What the rules decided, spelled out (the rollouts are the shared algorithm's).
    assert.deepEqual(
      [
        values.off,
        values['pricing-only'],
        values['outside-us'],
        values['mobile-safari'],
        values['signed-in'],
      ],
      [false, true, false, false, true],
    );

    // Another page, another country and device, no user id.
    const phone = await flagsOf(harness, `s=${SITE.key}`, {
      referer: 'https://shop.test/blog/',
      'user-agent': IPHONE,
      'x-forwarded-for': '81.169.145.157',
    });
    const phoneValues = JSON.parse(phone.body) as Record<string, unknown>;
    assert.deepEqual(
      [
        phoneValues['pricing-only'],
        phoneValues['outside-us'],
        phoneValues['mobile-safari'],
        phoneValues['signed-in'],
      ],
      [false, true, true, false],
    );

    // 200 users: each gets what the shared algorithm gives their id, and both variants occur.
    const seen = new Set<unknown>();
    for (let n = 0; n < 200; n += 1) {
      const body = (await flagsOf(harness, `s=${SITE.key}&i=user-${n}`, pricing)).body;
      const got = JSON.parse(body) as Record<string, unknown>;
      assert.deepEqual(got, expected(FLAGS, context, `user-${n}`));
      seen.add(got.checkout);
    }
    assert.deepEqual([...seen].sort(), ['control', 'one-step']);
  });
});

test('without a user id the stable id is the visitor hash of the day (cookieless) or the persistent id', async () => {
  await withEdge(async (harness) => {
    publish(harness, SITE.id, FLAGS, 'v1');
    publish(harness, PERSISTENT.id, FLAGS, 'v1');
    const context = { path: '/', country: 'US', device: 'desktop', browser: 'Chrome', hasUserId: false };
    // The visitor hash the edge gives this browser's events today.
    assert.equal(
      (
        await harness.post(
          { s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] },
          {
            'user-agent': CHROME,
            'x-forwarded-for': '8.8.8.8',
          },
        )
      ).status,
      204,
    );
    const [row] = await harness.newRows(1);
    const cookieless = await flagsOf(harness, `s=${SITE.key}`, { referer: 'https://shop.test/' });
    assert.deepEqual(JSON.parse(cookieless.body), expected(FLAGS, context, row.visitor_id));

    const visitor = '0123456789abcdef0123456789abcdef';
    const persistent = await flagsOf(harness, `s=${PERSISTENT.key}&v=${visitor}`, {
      referer: 'https://shop.test/',
    });
    assert.deepEqual(JSON.parse(persistent.body), expected(FLAGS, context, visitor));
    // A cookieless site ignores a client's id: its visitors are the edge's hash alone.
    const ignored = await flagsOf(harness, `s=${SITE.key}&v=${visitor}`, { referer: 'https://shop.test/' });
    assert.equal(ignored.body, cookieless.body);
  });
});

test('ETag and If-None-Match answer 304 until the flags change; a change is served within the recheck second', async () => {
  await withEdge(async (harness) => {
    publish(harness, SITE.id, [flag('beta')], 'v1');
    const first = await flagsOf(harness, `s=${SITE.key}&i=u-1`);
    assert.equal(first.body, '{"beta":true}');
    const etag = first.headers.etag!;
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const again = await flagsOf(harness, `s=${SITE.key}&i=u-1`, { 'if-none-match': etag });
    assert.deepEqual([again.status, again.body, again.headers.etag], [304, '', etag]);

    publish(harness, SITE.id, [flag('beta', { enabled: false })], 'v2');
    await waitUntil(
      'the change served',
      async () => (await flagsOf(harness, `s=${SITE.key}&i=u-1`)).body === '{"beta":false}',
      {
        timeoutMs: 5000,
      },
    );
    const changed = await flagsOf(harness, `s=${SITE.key}&i=u-1`, { 'if-none-match': etag });
    assert.deepEqual([changed.status, changed.body], [200, '{"beta":false}']);
    assert.notEqual(changed.headers.etag, etag);
  });
});

test('an unknown site, a missing or broken document and hostile queries answer no flags, never an error', async () => {
  await withEdge(async (harness) => {
    const none = async (query: string) => {
      const answer = await flagsOf(harness, query);
      assert.deepEqual([query.slice(0, 40), answer.status, answer.body], [query.slice(0, 40), 200, '{}']);
    };
    await none(`s=${SITE.key}&i=u-1`); // nothing published yet
    await none('s=no-such-site&i=u-1');
    await none('');
    await none(`s[]=${SITE.key}`);
    await none(`${'a=1&'.repeat(500)}s=${SITE.key}`);
    mkdirSync(join(harness.dir, 'flags'), { recursive: true });
    writeFileSync(join(harness.dir, 'flags', `${SITE.id}.json`), '{"version": 1, "flags": "no"');
    await none(`s=${SITE.key}&i=u-1`);
    publish(harness, SITE.id, [flag('half', { rollout: 50 })], 'v1');
    const long = `u${'x'.repeat(8000)}`;
    const answerFor = async (id: string) => (await flagsOf(harness, `s=${SITE.key}&i=${id}`)).body;
    await waitUntil('the published document served', async () => (await answerFor('u-1')) !== '{}', {
      timeoutMs: 5000,
    });
    // A huge id is cut before it is hashed: the answer is the one for its first 256 bytes.
    const cut = evaluateFlag(flag('half', { rollout: 50 }), NO_CONTEXT, long.slice(0, 256));
    assert.deepEqual(JSON.parse(await answerFor(long)), { half: cut });
  });
});
