import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { rowProblems } from '@sluice/config';
import { EdgeHarness, SITE } from './edge-harness';

const ID = '6f1c2a3b-1111-4222-8333-444455556666';
const PAGEVIEW = { id: ID, n: 'pageview', u: 'https://Shop.Test:8443/pricing/?plan=pro#top', r: 'https://www.google.com/', sid: 'sess-1' };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the collect endpoint', () => {
  let harness: EdgeHarness;
  let written = 0;

  before(async () => {
    harness = await new EdgeHarness().start();
  });
  after(() => harness.stop());
  afterEach(() => assert.deepEqual(harness.errorLines(), [], 'the error log has no errors'));

  async function expectLines(added: number) {
    written += added;
    return (await harness.rows(written)).slice(written - added);
  }

  test('a pageview becomes exactly one contract row', async () => {
    const response = await harness.post({ s: SITE.key, e: [{ ...PAGEVIEW, p: { plan: 'pro', seats: 3, trial: false, nested: { no: 1 } } }] });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const [row] = await expectLines(1);
    assert.deepEqual(rowProblems(row), []);
    const { ts, visitor_id, ...stable } = row;
    assert.deepEqual(stable, {
      event_id: ID,
      site_id: SITE.id,
      name: 'pageview',
      hostname: 'shop.test',
      pathname: '/pricing/',
      referrer: 'https://www.google.com/',
      session_id: 'sess-1',
      props_keys: ['plan', 'seats', 'trial'],
      props_values: ['pro', '3', 'false'],
    });
    assert.match(visitor_id, /^[0-9a-f]{32}$/);
    assert.ok(Math.abs(Date.parse(`${ts}Z`) - Date.now()) < 10_000, 'ts is the edge time in UTC');
    assert.ok(!harness.lines().join('\n').includes('127.0.0.1'), 'the raw IP is never written');
  });

  test('the edge mints an id when none was sent, and keeps empty arrays as arrays', async () => {
    assert.equal((await harness.post({ s: SITE.key, e: [{ n: 'signup', u: 'http://shop.test' }] })).status, 204);
    const [row] = await expectLines(1);
    assert.match(row.event_id, UUID_V4);
    assert.equal(row.pathname, '/');
    assert.deepEqual([row.props_keys, row.props_values, row.referrer, row.session_id], [[], [], '', '']);
  });

  test('the GET form (image fallback) records one event', async () => {
    const query = new URLSearchParams({ s: SITE.key, n: 'pageview', u: 'https://shop.test/noscript', r: 'https://ref.test/' });
    const response = await fetch(`${harness.edge.url}/telemetry/e?${query}`);
    assert.equal(response.status, 204);
    const [row] = await expectLines(1);
    assert.deepEqual([row.name, row.pathname, row.referrer], ['pageview', '/noscript', 'https://ref.test/']);
    assert.match(row.event_id, UUID_V4);
  });

  test('a mixed batch keeps the good events and names the bad ones', async () => {
    const response = await harness.post({
      s: SITE.key,
      e: [
        { n: 'a', u: 'https://shop.test/1' },
        { u: 'https://shop.test/2' },
        { n: 'c' },
        { n: 'd', u: 'not a url' },
        { n: 'e', u: 'https://shop.test/5', id: ID.toUpperCase() },
        'not an object',
        { n: 'g', u: 'https://shop.test/7' },
      ],
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error: 'invalid_events',
      accepted: 2,
      rejected: [
        { index: 1, error: 'missing_name' },
        { index: 2, error: 'missing_url' },
        { index: 3, error: 'bad_url' },
        { index: 4, error: 'bad_id' },
        { index: 5, error: 'not_an_object' },
      ],
    });
    const rows = await expectLines(2);
    assert.deepEqual(rows.map((row) => row.name), ['a', 'g']);
  });

  test('whole-request errors get a short code and write nothing', async () => {
    const cases: Array<[() => Promise<Response>, number, string]> = [
      [() => harness.post('{"s": "x", "e": ['), 400, 'bad_json'],
      [() => harness.post('[1,2]'), 400, 'unknown_site'],
      [() => harness.post({ s: 'no-such-site', e: [PAGEVIEW] }), 400, 'unknown_site'],
      [() => harness.post({ s: SITE.key, e: [] }), 400, 'no_events'],
      [() => harness.post({ s: SITE.key }), 400, 'no_events'],
      [() => harness.post({ s: SITE.key, e: Array(51).fill(PAGEVIEW) }), 400, 'too_many_events'],
      [() => harness.post({ s: SITE.key, e: [{ n: 'x', u: 'https://a.b/', p: { a: { b: { c: { d: { e: { f: { g: {} } } } } } } } }] }), 400, 'bad_json'],
      [() => harness.post({ s: SITE.key, e: [PAGEVIEW], pad: 'x'.repeat(70_000) }), 413, 'body_too_large'],
      [() => fetch(`${harness.edge.url}/telemetry/e`, { method: 'PUT', body: '{}' }), 405, 'method_not_allowed'],
    ];
    for (const [send, status, error] of cases) {
      const response = await send();
      assert.equal(response.status, status, error);
      assert.deepEqual(await response.json(), { error });
    }
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(harness.lines().length, written);
  });

  test('CORS preflight is answered at the edge', async () => {
    const response = await fetch(`${harness.edge.url}/telemetry/e`, { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('long fields are cut to the contract limit in bytes, never inside a UTF-8 character', async () => {
    const response = await harness.post({
      s: SITE.key,
      e: [{ n: 'a' + 'é'.repeat(40), u: 'https://shop.test/' + 'p'.repeat(3000), p: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'v'.repeat(600)])) }],
    });
    assert.equal(response.status, 204);
    const [row] = await expectLines(1);
    assert.deepEqual(rowProblems(row), []);
    assert.equal(row.name, 'a' + 'é'.repeat(31), '63 bytes: the 64th would split a character');
    assert.equal(row.props_keys.length, 32);
    assert.equal(row.props_values[0].length, 512);
    assert.ok(row.pathname.length <= 1024);
  });

  test('newlines and control characters never break a line', async () => {
    const nasty = 'line1\nline2\r\n\u0000\u001b[31m"}{"site_id":1}\u2028';
    const response = await harness.post({ s: SITE.key, e: [{ n: nasty, u: `https://shop.test/${encodeURIComponent('x')}\n`, r: nasty, sid: nasty, p: { [nasty]: nasty } }] });
    assert.equal(response.status, 204);
    const [row] = await expectLines(1);
    assert.deepEqual(rowProblems(row), []);
    assert.equal(row.referrer, nasty);
    assert.equal(harness.lines().length, written);
  });

  test('the tracker is served from /telemetry/', async () => {
    const response = await fetch(`${harness.edge.url}/telemetry/s.js`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '/* tracker */');
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
  });
});
