import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { after, afterEach, before, describe, test } from 'node:test';
import { rowProblems } from '@sluice/config';
import { gunzipSync } from 'node:zlib';
import { EdgeHarness, LITE_TRACKER_SOURCE, requestFrom, SITE, TRACKER_SOURCE } from './edge-harness';

const ID = '6f1c2a3b-1111-4222-8333-444455556666';
const PAGEVIEW = {
  id: ID,
  n: 'pageview',
  u: 'https://Shop.Test:8443/pricing/?plan=pro#top',
  r: 'https://www.google.com/',
  sid: 'sess-1',
};
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_BODY_BYTES = 65536;

describe('the collect endpoint', () => {
  let harness: EdgeHarness;

  before(async () => {
    harness = await new EdgeHarness().start();
  });
  after(() => harness.stop());
  afterEach(async () => {
    // Every test looks at all it wrote, so the next one starts with nothing written.
    await harness.newLines(0);
    assert.deepEqual(harness.errorLines(), [], 'the error log has no errors and names no client');
    for (const line of harness.lines()) assert.deepEqual(rowProblems(JSON.parse(line)), [], line);
  });

  const newLines = (expected: number) => harness.newLines(expected);
  const newRows = (expected: number) => harness.newRows(expected);

  /** Events written without revenue or with an age not taken as sent, by reason, from the metrics (one worker: its own counts, up to now). */
  async function fieldsRejected(): Promise<Record<'bad_revenue' | 'bad_currency' | 'bad_age', number>> {
    const text = await (await fetch(harness.edge.metricsUrl)).text();
    const count = (reason: string) =>
      Number(
        new RegExp(`^sluice_edge_fields_rejected_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    return {
      bad_revenue: count('bad_revenue'),
      bad_currency: count('bad_currency'),
      bad_age: count('bad_age'),
    };
  }

  test('a pageview becomes exactly one contract row, byte for byte, its empty fields left out', async () => {
    const sent = Date.now();
    const response = await harness.post(
      { s: SITE.key, e: [{ ...PAGEVIEW, p: { seats: 3, plan: 'pro', trial: false, nested: { no: 1 } } }] },
      { 'user-agent': CHROME_WINDOWS },
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(await response.text(), '');
    const answered = Date.now();
    const [line] = await newLines(1);
    const { ts, visitor_id } = JSON.parse(line);
    assert.match(visitor_id, /^[0-9a-f]{32}$/);
    // The edge's time in UTC, in whole seconds, between the request and its answer.
    const at = Date.parse(`${ts.replace(' ', 'T')}Z`);
    assert.ok(at >= Math.floor(sent / 1000) * 1000 && at <= answered, `ts ${ts} is the edge time in UTC`);
    assert.equal(
      line,
      `{"event_id":"${ID}","site_id":7,"ts":"${ts}","name":"pageview","hostname":"shop.test","pathname":"/pricing/",` +
        `"referrer":"https://www.google.com/","referrer_source":"Google","channel":"search","browser":"Chrome","browser_version":"131",` +
        `"os":"Windows","device":"desktop","visitor_id":"${visitor_id}","session_id":"sess-1",` +
        `"props_keys":["plan","seats","trial"],"props_values":["pro","3","false"]}`,
    );
    assert.ok(!harness.lines().join('\n').includes('127.0.0.1'), 'the raw IP is never written');
  });

  test('autocapture, heatmap, error and web-vitals fields are copied within their limits', async () => {
    const click = {
      n: '$autocapture',
      u: 'https://shop.test/product/42',
      tag: 'button',
      eid: 'buy',
      cl: 'btn btn-primary',
      txt: 'Add to cart',
      sel: 'main > div.product > button#buy',
      href: '',
      ctx: 'Blue running shoes',
      x: 640.7,
      y: 1880,
      vw: 1280,
    };
    const error = {
      n: '$error',
      u: 'https://shop.test/checkout',
      em: 'TypeError: x is undefined',
      es: 'https://shop.test/app.js',
      el: 12,
      ec: 7,
      est: 'at pay (app.js:12:7)\n'.repeat(400),
    };
    const vitals = {
      n: '$web_vitals',
      u: 'https://shop.test/',
      lcp: 1234,
      inp: 96,
      cls: 0.125,
      sd: 250,
      et: -5,
    };
    const wrongTypes = { n: '$autocapture', u: 'https://shop.test/', tag: 7, x: 'far', sd: true, cls: '0.1' };
    const response = await harness.post({ s: SITE.key, e: [click, error, vitals, wrongTypes] });
    assert.equal(response.status, 204);
    const [clickRow, errorRow, vitalsRow, wrongRow] = await newRows(4);
    assert.deepEqual(
      [clickRow.el_tag, clickRow.el_id, clickRow.el_classes, clickRow.el_text, clickRow.el_selector],
      ['button', 'buy', 'btn btn-primary', 'Add to cart', 'main > div.product > button#buy'],
    );
    assert.equal(clickRow.el_context, 'Blue running shoes');
    assert.deepEqual([clickRow.click_x, clickRow.click_y, clickRow.viewport_width], [640, 1880, 1280]);
    const fingerprint = createHash('md5')
      .update('button\0main > div.product > button#buy\0Add to cart')
      .digest('hex')
      .slice(0, 16);
    assert.equal(clickRow.el_fingerprint, fingerprint, 'the same element gives the same fingerprint');
    assert.deepEqual(
      [errorRow.error_message, errorRow.error_source, errorRow.error_line, errorRow.error_column],
      ['TypeError: x is undefined', 'https://shop.test/app.js', 12, 7],
    );
    assert.equal(Buffer.byteLength(errorRow.error_stack), 4096, 'the stack is cut to the contract');
    assert.equal(errorRow.el_fingerprint, '', 'only autocaptured elements have a fingerprint');
    assert.deepEqual(
      [vitalsRow.lcp_ms, vitalsRow.inp_ms, vitalsRow.cls, vitalsRow.scroll_depth, vitalsRow.engaged_ms],
      [1234, 96, 0.125, 100, 0],
      'numbers are cut to the contract range',
    );
    assert.deepEqual(
      [wrongRow.el_tag, wrongRow.click_x, wrongRow.scroll_depth, wrongRow.cls],
      ['', 0, 0, 0],
      'a value of another type leaves the field empty',
    );
  });

  test('link clicks are named downloads or outbound, generated classes dropped, 32-hex ids stored as UUIDs', async () => {
    const click = (href: string, cl = 'btn') => ({
      n: '$autocapture',
      u: 'https://shop.test/p',
      tag: 'a',
      href,
      cl,
    });
    const response = await harness.post({
      s: SITE.key,
      e: [
        click('https://shop.test/files/Manual.PDF'),
        click('https://partner.test/offer'),
        click('https://shop.test/cart', ' nav-link\n css-1x2y3z  sc-bdVaJa Card_title__3xk9e  active '),
        click('mailto:sales@shop.test'),
        { n: '$form_submit', u: 'https://shop.test/p', tag: 'form', href: 'https://pay.test/checkout' },
        { n: 'signup', u: 'https://shop.test/p', id: '0123abcdef0123456789abcdef012345' },
      ],
    });
    assert.equal(response.status, 204);
    const rows = await newRows(6);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['$download', '$outbound', '$autocapture', '$autocapture', '$form_submit', 'signup'],
    );
    assert.equal(rows[2].el_classes, 'nav-link active');
    assert.equal(rows[5].event_id, '0123abcd-ef01-2345-6789-abcdef012345');
  });

  test('numbers are strict JSON: NaN and Infinity are malformed, an overflowing exponent is cut', async () => {
    for (const number of ['NaN', 'Infinity', '-Infinity', '0x10']) {
      const body = `{"s":"${SITE.key}","e":[{"n":"$web_vitals","u":"https://shop.test/","cls":${number}}]}`;
      const response = await harness.post(body);
      assert.equal(response.status, 400, number);
      assert.deepEqual(await response.json(), { error: 'bad_json' }, number);
    }
    const body = `{"s":"${SITE.key}","e":[{"n":"$web_vitals","u":"https://shop.test/","lcp":1e999}]}`;
    assert.equal((await harness.post(body)).status, 204);
    const [row] = await newRows(1);
    assert.equal(row.lcp_ms, 600_000);
  });

  test('acquisition: the referrer and the page URL give the source, the channel and the campaign', async () => {
    const page = (query: string) => `https://shop.test/landing?${query}#ignored`;
    // A few of the channel table of spec/acquisition_spec.lua, through nginx's own query decoding.
    const cases: Array<[string, string, string, string]> = [
      ['https://www.google.co.uk/search?q=shoes', page(''), 'Google', 'search'],
      ['https://m.facebook.com/story.php', page(''), 'Facebook', 'social'],
      ['https://t.co/abc', page(''), 'Twitter', 'social'],
      ['https://mail.google.com/mail/u/0/', page(''), 'Gmail', 'email'],
      ['https://chatgpt.com/', page(''), 'ChatGPT', 'ai'],
      ['https://www.youtube.com/watch?v=1', page(''), 'YouTube', 'video'],
      ['https://www.Blog.Example.org:8443/post', page(''), 'blog.example.org', 'referral'],
      ['https://www.google.com/', page('utm_medium=CPC'), 'Google', 'paid'],
      ['', page('utm_source=chatgpt.com'), '', 'ai'],
      ['', page('utm_source=newsletter&utm_medium=e-mail'), '', 'email'],
      ['', page('utm_campaign=spring'), '', 'referral'],
      ['', page('page=2&gclid=Cj0KCQ'), 'Google', 'paid'],
      ['', page('msclkid=abc'), 'Bing', 'paid'],
      ['https://shop.test/cart', page(''), '', 'direct'],
      ['', page(''), '', 'direct'],
      ['not a url', page(''), '', 'direct'],
    ];
    const tagged = page(
      'utm_source=news+letter&utm_medium=email&utm_campaign=black%20friday&utm_term=a&utm_content=b&utm_source=second',
    );
    const response = await harness.post({
      s: SITE.key,
      e: [...cases.map(([r, u]) => ({ n: 'pageview', u, r })), { n: 'pageview', u: tagged }],
    });
    assert.equal(response.status, 204);
    const rows = await newRows(cases.length + 1);
    assert.deepEqual(
      rows.slice(0, cases.length).map((row) => [row.referrer, row.referrer_source, row.channel]),
      cases.map(([referrer, , source, channel]) => [referrer, source, channel]),
    );
    const utm = rows[cases.length];
    assert.deepEqual(
      [utm.utm_source, utm.utm_medium, utm.utm_campaign, utm.utm_term, utm.utm_content],
      ['news letter', 'email', 'black friday', 'a', 'b'],
    );
    assert.deepEqual([utm.pathname, utm.referrer_source, utm.channel], ['/landing', '', 'email']);
  });

  test("the user agent gives browser, major version, OS (uap-core's names), device type and the bot flag", async () => {
    const cases: Array<[string, [string, string, string, string, number]]> = [
      [CHROME_WINDOWS, ['Chrome', '131', 'Windows', 'desktop', 0]],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
        ['Mobile Safari', '18', 'iOS', 'mobile', 0],
      ],
      [
        'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1',
        ['Chrome Mobile iOS', '130', 'iOS', 'tablet', 0],
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        ['Chrome Mobile', '131', 'Android', 'mobile', 0],
      ],
      [
        'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Safari/537.36',
        ['Samsung Internet', '26', 'Android', 'tablet', 0],
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0',
        ['Firefox', '132', 'Mac OS X', 'desktop', 0],
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
        ['Edge', '131', 'Windows', 'desktop', 0],
      ],
      [
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
        ['HeadlessChrome', '131', 'Linux', 'bot', 1],
      ],
      [
        'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        ['Googlebot', '2', '', 'bot', 1],
      ],
      ['curl/8.5.0', ['curl', '8', '', 'bot', 1]],
      ['', ['', '', '', 'bot', 1]],
    ];
    for (const [userAgent] of cases) {
      const response = await harness.post(
        { s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] },
        { 'user-agent': userAgent },
      );
      assert.equal(response.status, 204);
    }
    const rows = await newRows(cases.length);
    assert.deepEqual(
      rows.map((row) => [row.browser, row.browser_version, row.os, row.device, row.is_bot]),
      cases.map(([, expected]) => expected),
    );
  });

  test('language: the Accept-Language entry of highest q-value, lower-cased with its region', async () => {
    const cases: Array<[string | undefined, string]> = [
      ['pt-BR,pt;q=0.9,en;q=0.8', 'pt-br'],
      ['en;q=0.5, de-AT;q=0.9, fr;q=0.7', 'de-at'],
      ['fr;q=0.8,it;q=0.8', 'fr'],
      ['zh-Hant-TW', 'zh-tw'],
      ['es-419', 'es-419'],
      ['*', ''],
      ['en;q=0', ''],
      ['<script>;q=oops,,, ;;', ''],
      [`${'de;q=0.5,'.repeat(28)}en-GB-oxendict`, 'de'],
      [`${'x'.repeat(7000)},fr`, ''],
      [undefined, ''],
    ];
    for (const [acceptLanguage] of cases) {
      // node:http sends only the headers given (fetch adds its own Accept-Language: *).
      const answer = await requestFrom(`${harness.edge.url}/telemetry/e`, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain',
          ...(acceptLanguage && { 'accept-language': acceptLanguage }),
        },
        body: JSON.stringify({ s: SITE.key, e: [{ n: 'pageview', u: 'https://shop.test/' }] }),
      });
      assert.equal(answer.status, 204, answer.body);
    }
    const image = await fetch(
      `${harness.edge.url}/telemetry/e?s=${SITE.key}&n=pageview&u=https://shop.test/`,
      {
        headers: { 'accept-language': 'nl-BE,nl;q=0.9' },
      },
    );
    assert.equal(image.status, 204);
    const rows = await newRows(cases.length + 1);
    assert.deepEqual(
      rows.map((row) => row.language),
      [...cases.map(([, expected]) => expected), 'nl-be'],
    );
  });

  test('revenue: the revenue and currency properties give the exact amount and the currency', async () => {
    const rejectedBefore = await fieldsRejected();
    const purchase = (props: Record<string, unknown>) => ({
      n: 'purchase',
      u: 'https://shop.test/done',
      p: props,
    });
    const response = await harness.post({
      s: SITE.key,
      e: [
        purchase({ revenue: 19.99, currency: 'EUR' }),
        purchase({ revenue: '001234.5000', currency: 'usd', plan: 'pro' }),
        purchase({ revenue: 0.1 + 0.2, currency: 'KWD' }),
        purchase({ revenue: '99999999999.9999', currency: 'JPY' }),
        purchase({ revenue: 25, currency: 'XYZ' }),
        purchase({ revenue: '12.34567', currency: 'EUR' }),
        purchase({ revenue: -5, currency: 'EUR' }),
        purchase({ revenue: 10 }),
        purchase({ currency: 'EUR' }),
      ],
    });
    assert.equal(response.status, 204, 'events with a bad amount or currency are still written');
    const lines = await newLines(9);
    const rows = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      rows.map((row) => [row.revenue_amount, row.revenue_currency]),
      [
        [19.99, 'EUR'],
        [1234.5, 'USD'],
        [0.3, 'KWD'],
        [99999999999.9999, 'JPY'],
        ...Array(5).fill([undefined, undefined]),
      ],
    );
    // Written as the exact decimal text, right after the props they came from.
    assert.match(
      lines[0],
      /"props_values":\["EUR","19.99"\],"revenue_amount":19.99,"revenue_currency":"EUR"[,}]/,
    );
    assert.match(lines[3], /"revenue_amount":99999999999.9999,/);
    // The properties stay the event's props, whether they made revenue or not.
    assert.deepEqual(rows[4].props_keys, ['currency', 'revenue']);
    assert.deepEqual(rows[4].props_values, ['XYZ', '25']);
    assert.deepEqual(await fieldsRejected(), {
      ...rejectedBefore,
      bad_currency: rejectedBefore.bad_currency + 2,
      bad_revenue: rejectedBefore.bad_revenue + 2,
    });
  });

  test("age: each event is stamped at arrival less its age, within the offline queue's 24 hours", async () => {
    const rejectedBefore = await fieldsRejected();
    // Whole seconds of age, so each ts is exactly the age-less event's less them, whatever the arrival's milliseconds.
    // As JSON text: 1e999 is a number too large for a double, which the edge reads as infinity.
    const ages = ['', '0', '5000', '3600000', '86400000', '90000000', '1e999', '-5', '"3000"', 'null'];
    const events = ages.map((a, i) => `{"n":"aged-${i}","u":"https://shop.test/"${a && `,"a":${a}`}}`);
    const response = await harness.post(`{"s":"${SITE.key}","e":[${events.join(',')}]}`);
    assert.equal(response.status, 204, 'an age out of bounds is no reason to refuse the event');
    const rows = await newRows(ages.length);
    const seconds = rows.map((row) => Date.parse(`${row.ts.replace(' ', 'T')}Z`) / 1000);
    assert.deepEqual(
      seconds.map((second) => seconds[0] - second),
      [0, 0, 5, 3600, 86_400, 86_400, 86_400, 0, 0, 0],
      'older by the age; cut to 24 hours; a negative or non-numeric age ignored',
    );
    const day = (i: number) => rows[i].ts.slice(0, 10);
    // Under a day's salt each: today's for today's events, yesterday's for those of yesterday.
    assert.equal(new Set(rows.filter((_, i) => day(i) === day(0)).map((row) => row.visitor_id)).size, 1);
    assert.equal(new Set(rows.filter((_, i) => day(i) !== day(0)).map((row) => row.visitor_id)).size, 1);
    assert.notEqual(rows[0].visitor_id, rows[4].visitor_id, 'a day-old event is hashed under its own day');
    assert.deepEqual(await fieldsRejected(), { ...rejectedBefore, bad_age: rejectedBefore.bad_age + 5 });
  });

  test('the edge mints an id when none was sent, and writes only the required fields of a bare event', async () => {
    const response = await harness.post(
      { s: SITE.key, e: [{ n: 'signup', u: 'http://shop.test' }] },
      { 'content-type': 'application/json' },
    );
    assert.equal(response.status, 204);
    const [line] = await newLines(1);
    const row = JSON.parse(line);
    assert.match(row.event_id, UUID_V4);
    // Node's fetch sends "node", a client isbot lists: written as a bot's event (flag is the default policy).
    // A visit with neither referrer nor tags is direct, written as such: an empty channel is a line an
    // older edge wrote.
    assert.deepEqual(Object.keys(row), [
      'event_id',
      'site_id',
      'ts',
      'name',
      'hostname',
      'pathname',
      'channel',
      'device',
      'is_bot',
      'visitor_id',
    ]);
    assert.deepEqual([row.device, row.is_bot], ['bot', 1]);
    assert.equal(row.pathname, '/');
  });

  test('the GET form (image fallback) records one event', async () => {
    const query = new URLSearchParams({
      s: SITE.key,
      n: 'pageview',
      u: 'https://shop.test/noscript',
      r: 'https://ref.test/',
    });
    const response = await fetch(`${harness.edge.url}/telemetry/e?${query}`);
    assert.equal(response.status, 204);
    const [row] = await newRows(1);
    assert.deepEqual([row.name, row.pathname, row.referrer], ['pageview', '/noscript', 'https://ref.test/']);
    assert.match(row.event_id, UUID_V4);
    const unknown = await fetch(`${harness.edge.url}/telemetry/e?s=nope&n=pageview&u=https://shop.test/`);
    assert.deepEqual([unknown.status, await unknown.json()], [400, { error: 'unknown_site' }]);
    const nameless = await fetch(`${harness.edge.url}/telemetry/e?s=${SITE.key}&u=https://shop.test/`);
    assert.deepEqual(await nameless.json(), {
      error: 'invalid_events',
      accepted: 0,
      rejected: [{ index: 0, error: 'missing_name' }],
    });
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
        { n: 7, u: 'https://shop.test/8' },
        { n: 'i', u: ['https://shop.test/9'] },
        { n: 'j', u: 'https://shop.test/10', id: 12 },
      ],
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await response.json(), {
      error: 'invalid_events',
      accepted: 2,
      rejected: [
        { index: 1, error: 'missing_name' },
        { index: 2, error: 'missing_url' },
        { index: 3, error: 'bad_url' },
        { index: 4, error: 'bad_id' },
        { index: 5, error: 'not_an_object' },
        { index: 7, error: 'missing_name' },
        { index: 8, error: 'missing_url' },
        { index: 9, error: 'bad_id' },
      ],
    });
    const rows = await newRows(2);
    assert.deepEqual(
      rows.map((row) => row.name),
      ['a', 'g'],
    );
  });

  test('whole-request errors get a short code and write nothing', async () => {
    const cases: Array<[() => Promise<Response>, number, string]> = [
      [() => harness.post('{"s": "x", "e": ['), 400, 'bad_json'],
      [() => harness.post(''), 400, 'bad_json'],
      [() => harness.post('null'), 400, 'bad_json'],
      [() => harness.post('[1,2]'), 400, 'unknown_site'],
      [() => harness.post({ s: 'no-such-site', e: [PAGEVIEW] }), 400, 'unknown_site'],
      [() => harness.post({ s: 42, e: [PAGEVIEW] }), 400, 'unknown_site'],
      [() => harness.post({ s: SITE.key, e: [] }), 400, 'no_events'],
      [() => harness.post({ s: SITE.key }), 400, 'no_events'],
      [() => harness.post({ s: SITE.key, e: { 0: PAGEVIEW } }), 400, 'no_events'],
      [() => harness.post({ s: SITE.key, e: Array(51).fill(PAGEVIEW) }), 400, 'too_many_events'],
      [() => harness.post({ s: SITE.key, e: [PAGEVIEW], x: Array(4097).fill(0) }), 400, 'too_many_values'],
      [
        () =>
          harness.post({
            s: SITE.key,
            e: [{ n: 'x', u: 'https://a.b/', p: { a: { b: { c: { d: { e: { f: { g: {} } } } } } } } }],
          }),
        400,
        'bad_json',
      ],
      [() => harness.post({ s: SITE.key, e: [PAGEVIEW], pad: 'x'.repeat(70_000) }), 413, 'body_too_large'],
      [() => harness.post('x'.repeat(2_000_000)), 413, 'body_too_large'],
      [
        () => fetch(`${harness.edge.url}/telemetry/e`, { method: 'PUT', body: '{}' }),
        405,
        'method_not_allowed',
      ],
    ];
    for (const [send, status, error] of cases) {
      const response = await send();
      assert.equal(response.status, status, error);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', error);
      assert.deepEqual(await response.json(), { error });
    }
    await newLines(0);
  });

  test('only keys and values count against the limit on them, not commas or colons in strings', async () => {
    const batch = { s: SITE.key, e: [{ ...PAGEVIEW, id: undefined, p: { text: ',:[{'.repeat(2000) } }] };
    assert.equal((await harness.post(batch)).status, 204);
    const [row] = await newRows(1);
    assert.deepEqual(row.props_values, [',:[{'.repeat(128)]);
  });

  test('the body limit is the contract’s, to the byte, and a body of unknown length is refused', async () => {
    const batch = JSON.stringify({ s: SITE.key, e: [{ n: 'at-the-limit', u: 'https://shop.test/' }] });
    assert.equal((await harness.post(batch.padEnd(MAX_BODY_BYTES, ' '))).status, 204);
    await newLines(1);
    const over = await harness.post(batch.padEnd(MAX_BODY_BYTES + 1, ' '));
    assert.deepEqual([over.status, await over.json()], [413, { error: 'body_too_large' }]);
    const chunked = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const outgoing = request(
        `${harness.edge.url}/telemetry/e`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.write(batch);
      outgoing.end('x'.repeat(100_000));
    });
    assert.deepEqual([chunked.status, JSON.parse(chunked.body)], [411, { error: 'length_required' }]);
  });

  test('CORS preflight is answered at the edge', async () => {
    const response = await fetch(`${harness.edge.url}/telemetry/e`, { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('long fields are cut to the contract limit in bytes, never inside a UTF-8 character', async () => {
    const props = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `k${String(i).padStart(2, '0')}${'ü'.repeat(40)}`,
        'v'.repeat(600),
      ]),
    );
    const response = await harness.post({
      s: SITE.key,
      e: [
        {
          n: 'a' + 'é'.repeat(40),
          u: 'https://shop.test/' + 'p'.repeat(3000),
          r: 'x' + '😀'.repeat(600),
          sid: 's'.repeat(100),
          p: props,
        },
      ],
    });
    assert.equal(response.status, 204);
    const [row] = await newRows(1);
    assert.equal(row.name, 'a' + 'é'.repeat(31), '63 bytes: the 64th would split a character');
    assert.equal(
      row.referrer,
      'x' + '😀'.repeat(511),
      '2045 bytes: a 4-byte character does not fit in the last 3',
    );
    assert.equal(row.session_id, 's'.repeat(64));
    assert.equal(row.pathname, '/' + 'p'.repeat(1023));
    assert.equal(row.props_keys.length, 32);
    assert.equal(row.props_values.length, 32);
    assert.equal(row.props_keys[0], 'k00' + 'ü'.repeat(30), '63 bytes of a 64-byte limit');
    assert.equal(row.props_keys[31].slice(0, 3), 'k31', 'the first 32 keys in sorted order are kept');
    assert.equal(row.props_values[0], 'v'.repeat(512));
  });

  test('bytes that are not UTF-8 become U+FFFD, and still count against the limit', async () => {
    const body = Buffer.concat([
      Buffer.from(`{"s":"${SITE.key}","e":[{"n":"a`),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), // a stray byte, a broken pair, an encoded surrogate
      Buffer.from('","u":"https://shop.test/x","r":"r'),
      Buffer.alloc(3000, 0xfe),
      Buffer.from('"}]}'),
    ]);
    assert.equal((await harness.post(body)).status, 204);
    const [line] = await newLines(1);
    const row = JSON.parse(line);
    assert.equal(row.name, 'a\ufffd\ufffd(\ufffd\ufffd\ufffd');
    assert.equal(row.referrer, 'r' + '\ufffd'.repeat(682), '1 + 682 × 3 = 2047 bytes');
    assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line, 'the line is valid UTF-8');
  });

  test('newlines and control characters never break a line', async () => {
    const nasty = 'line1\nline2\r\n\u0000\u001b[31m"}{"site_id":1}\u2028\\/\\\\/';
    const response = await harness.post({
      s: SITE.key,
      e: [{ n: nasty, u: `https://shop.test/a\\/b\n`, r: nasty, sid: nasty, p: { [nasty]: nasty } }],
    });
    assert.equal(response.status, 204);
    const [row] = await newRows(1);
    assert.equal(row.referrer, nasty);
    assert.equal(row.session_id, nasty);
    assert.equal(row.pathname, '/a\\/b\n');
    assert.deepEqual([row.props_keys, row.props_values], [[nasty], [nasty]]);
  });

  test('hostile input of any shape gets a 204 or a 4xx code, never a Lua error', async () => {
    let seed = 0x5eed;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const scalar = () =>
      pick<unknown>([
        null,
        true,
        false,
        0,
        -1,
        1.5,
        1e308,
        2 ** 53,
        '',
        'x',
        '\u0000',
        'é'.repeat(50),
        SITE.key,
        ID,
      ]);
    const value = (depth: number): unknown => {
      if (depth > 3 || random() < 0.5) return scalar();
      if (random() < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [
          pick(['n', 'u', 'r', 'id', 'sid', 'p', 's', 'e', '', '1']),
          value(depth + 1),
        ]),
      );
    };
    const event = () => ({
      ...(random() < 0.8 ? { n: random() < 0.7 ? 'click' : value(2) } : {}),
      ...(random() < 0.8
        ? {
            u:
              random() < 0.7
                ? pick(['https://shop.test/', 'http://[::1]:80/x?y#z', 'https://u:p@H.test', 'a://b'])
                : value(2),
          }
        : {}),
      ...(random() < 0.5 ? { id: random() < 0.5 ? ID : value(2) } : {}),
      ...(random() < 0.5 ? { r: value(2) } : {}),
      ...(random() < 0.5 ? { sid: value(2) } : {}),
      ...(random() < 0.5 ? { p: value(1) } : {}),
    });
    const bodies: Array<string | Buffer> = [
      '{',
      '}',
      '[]',
      '""',
      '1',
      'true',
      '{"s":null}',
      '{"s":{},"e":[]}',
      '{"e":[{}]}',
      `{"s":"${SITE.key}","e":null}`,
      `{"s":"${SITE.key}","e":"pageview"}`,
      `{"s":"${SITE.key}","e":[null,null]}`,
      `{"s":"${SITE.key}","e":[[]]}`,
      `{"s":"${SITE.key}","e":[{"n":"x","u":"https://a/","p":[1,2]}]}`,
      `{"s":"${SITE.key}","e":[{"n":"x","u":"https://a/","p":{"k":NaN}}]}`,
      `{"s":"${SITE.key}","e":[{"n":"x","u":"https://a/","p":{"k":1e999}}]}`,
      `{"s":"${SITE.key}","e":[{"n":"\\ud800","u":"https://a/"}]}`,
      Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      Buffer.alloc(100, 0),
    ];
    for (let i = 0; i < 150; i++) {
      bodies.push(
        JSON.stringify(
          random() < 0.9
            ? {
                s: random() < 0.9 ? SITE.key : value(1),
                e: Array.from({ length: Math.floor(random() * 6) }, () =>
                  random() < 0.9 ? event() : value(1),
                ),
              }
            : value(0),
        ),
      );
    }
    let accepted = 0;
    for (const body of bodies) {
      const response = await harness.post(body);
      const text = await response.text();
      assert.ok(
        [204, 400].includes(response.status),
        `${response.status} for ${body.toString().slice(0, 200)}`,
      );
      // cjson also reads NaN and 1e999, which JSON.parse refuses: those bodies hold one event.
      if (response.status === 204)
        accepted += /NaN|1e999/.test(body.toString()) ? 1 : JSON.parse(body.toString()).e.length;
      else accepted += JSON.parse(text).accepted ?? 0;
    }
    const queries = [
      '',
      's',
      's=&n=&u=',
      `s=${SITE.key}&s=${SITE.key}&n=a&u=https://a/`,
      `s=${SITE.key}&n&u`,
      `s=${SITE.key}&n=a&n=b&u=https://a/`,
      `s=${SITE.key}&n=a&u=https://a/&p=1&id=x`,
    ];
    for (const query of queries) {
      const response = await fetch(`${harness.edge.url}/telemetry/e?${query}`);
      const text = await response.text();
      assert.ok([204, 400].includes(response.status), `${response.status} for GET ?${query}`);
      accepted += response.status === 204 ? 1 : (JSON.parse(text).accepted ?? 0);
    }
    assert.ok(accepted > 20, `the corpus also exercises the success path (${accepted} events)`);
    await newLines(accepted);
  });

  /** GET with node:http, which (unlike fetch) leaves a gzipped body as it came. */
  function rawGet(path: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        request(`${harness.edge.url}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
          .on('error', reject)
          .end();
      },
    );
  }

  test('the tracker is served cacheable, revalidated by ETag and gzipped', async () => {
    const tracker = await rawGet('/telemetry/s.js', {});
    assert.equal(tracker.status, 200);
    assert.equal(tracker.body.toString(), TRACKER_SOURCE);
    assert.match(String(tracker.headers['content-type']), /javascript/);
    assert.equal(tracker.headers['cache-control'], 'public, max-age=3600, stale-while-revalidate=86400');
    const etag = String(tracker.headers.etag);
    assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    const revalidated = await rawGet('/telemetry/s.js', { 'if-none-match': etag });
    assert.deepEqual([revalidated.status, revalidated.body.length], [304, 0]);
    const gzipped = await rawGet('/telemetry/s.js', { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(gzipped.headers.vary, 'Accept-Encoding');
    assert.ok(gzipped.body.length < TRACKER_SOURCE.length / 2, `${gzipped.body.length} bytes gzipped`);
    assert.equal(gunzipSync(gzipped.body).toString(), TRACKER_SOURCE);
    const lite = await rawGet('/telemetry/s.lite.js', {});
    assert.deepEqual([lite.status, lite.body.toString()], [200, LITE_TRACKER_SOURCE]);
    assert.equal(lite.headers['cache-control'], 'public, max-age=3600, stale-while-revalidate=86400');
  });

  test('the admin panel is served, and a miss is a quiet 404', async () => {
    for (const path of ['/', '/sites/7/overview', '/assets/app.js']) {
      const response = await fetch(`${harness.edge.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(
        await response.text(),
        path === '/assets/app.js' ? '/* admin */' : '<!doctype html><title>admin</title>',
        path,
      );
    }
    for (const path of [
      '/telemetry/missing.js',
      '/telemetry/',
      '/telemetry/sub/',
      '/telemetry/s.js/x',
      '/telemetry/s.litejs',
      '/telemetry/xs.js',
    ]) {
      const response = await fetch(`${harness.edge.url}${path}`);
      await response.arrayBuffer();
      assert.equal(response.status, 404, path);
    }
    assert.equal((await fetch(`${harness.edge.url}/telemetry/health`)).status, 204);
  });
});
