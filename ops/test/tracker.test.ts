import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  CONTRACT_JSON_PATH,
  trackerSnippet,
  withDefaults,
  type EventRow,
  type SiteEntry,
} from '@sluice/config';
import { LUA_DIR, startEdge, type RunningEdge } from '@sluice/edge';
import { ClickHouseHarness, startShipperProcess } from '@sluice/pipeline';
import { freePort, waitUntil, type ManagedProcess } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';
import { CUSTOMER_HOST, CUSTOMER_SECOND_HOST, launchChromium } from './browser';
import { startCustomerSite } from './customer-site';

/**
 * The built tracker in a real browser, on a customer page behind the first-party proxy, against the
 * real edge: assertions are on the rows the edge writes, and the last test finds every one of them
 * in ClickHouse, shipped by the pipeline's shipper.
 */
const SITE: SiteEntry = {
  id: 3,
  key: 'tracker-test-key',
  name: CUSTOMER_HOST,
  domain: CUSTOMER_HOST,
  timezone: 'UTC',
};
/** The same shop as a site that keeps the tracker's first-party visitor id. */
const PERSISTENT_SITE: SiteEntry = {
  ...SITE,
  id: 4,
  key: 'tracker-persistent-key',
  privacyMode: 'persistent',
};

let dir: string;
let edge: RunningEdge;
let clickhouse: ClickHouseHarness;
let shipper: ManagedProcess;
let customer: Awaited<ReturnType<typeof startCustomerSite>>;
let browser: Browser;
let origin: string;
let port: number;
const eventsLog = () => join(dir, 'events', 'events.ndjson');

/** Serves `html` at `/${name}` on the customer's site. */
const customerPage = (name: string, html: string) =>
  writeFileSync(join(dir, 'customer-site', 'www', name), html);
const pageWith = (head: string, body = 'app') =>
  `<!doctype html><html><head><title>App</title>${head}</head><body>${body}</body></html>`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-tracker-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'sites.json'), JSON.stringify({ version: 1, sites: [SITE, PERSISTENT_SITE] }));
  clickhouse = await new ClickHouseHarness().start();
  await clickhouse.migrate();
  edge = await startEdge({
    target: 'debian',
    listenHost: '127.0.0.1',
    listenPort: await freePort(),
    prefix: join(dir, 'edge'),
    eventsLog: eventsLog(),
    sitesFile: join(dir, 'sites.json'),
    stateDir: join(dir, 'edge-state'),
    contractJson: CONTRACT_JSON_PATH,
    luaDir: LUA_DIR,
    trackerDir: join(REPO_ROOT, 'tracker', 'dist'),
    adminDir: join(dir, 'admin'),
    backendUpstream: '127.0.0.1:9',
    trustedProxies: ['127.0.0.1'],
    workerProcesses: 1,
  });
  shipper = startShipperProcess({
    inputDir: join(dir, 'events'),
    stateDir: join(dir, 'shipper'),
    logFile: join(dir, 'shipper.log'),
    clickhouse: clickhouse.target('ingest'),
    batchMaxWaitMs: 200,
  });
  port = await freePort();
  customer = await startCustomerSite({
    dir: join(dir, 'customer-site'),
    port,
    edgeOrigin: edge.url,
    html: pageWith(trackerSnippet(SITE.key)),
  });
  origin = `http://${CUSTOMER_HOST}:${port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await customer?.stop();
  await edge?.stop();
  await shipper?.stop();
  await clickhouse?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function rows(): EventRow[] {
  if (!existsSync(eventsLog())) return [];
  return readFileSync(eventsLog(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => withDefaults(JSON.parse(line) as Partial<EventRow>));
}

/**
 * Runs `action`, then waits for the tracker's batch and the edge's buffered write: `expected` new rows
 * of the events `counted` (autocaptured events of other pages, such as a closed page's engagement
 * report, may arrive meanwhile and are left out).
 */
async function rowsAfter(
  action: () => Promise<unknown>,
  expected: number,
  counted: (row: EventRow) => boolean,
): Promise<EventRow[]> {
  const before = rows().length;
  const added = () => rows().slice(before).filter(counted);
  await action();
  // The tracker batches for 1 s and the edge flushes its log every second; a page that sent nothing
  // must be given that long too before "nothing" is believed.
  if (expected === 0) await new Promise((resolve) => setTimeout(resolve, 2500));
  else await waitUntil(`${expected} new rows`, async () => added().length >= expected, { timeoutMs: 8000 });
  return added();
}

/** The pageviews and custom events after running `navigate` in the page. */
const pageviewsAfter = (page: Page, navigate: string, expected: number) =>
  rowsAfter(
    () => page.evaluate(navigate),
    expected,
    (row) => !row.name.startsWith('$'),
  );

/** The events named `names` that `page` (its session: each page has a browser context of its own) sent after `action`. */
async function capturedAfter(
  page: Page,
  action: () => Promise<unknown>,
  expected: number,
  ...names: string[]
) {
  const stored = (await page.evaluate("sessionStorage.getItem('_sluice_sid')")) as string;
  const session = stored.split(' ')[0];
  return rowsAfter(action, expected, (row) => row.session_id === session && names.includes(row.name));
}

test('single-page apps: each route change is one pageview, staying on a route is none', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const [landing] = await pageviewsAfter(page, 'void 0', 1);
  assert.deepEqual([landing.pathname, landing.referrer], ['/', '']);

  const [pushed] = await pageviewsAfter(page, "history.pushState({}, '', '/pricing?plan=pro')", 1);
  assert.equal(pushed.pathname, '/pricing');
  assert.equal(pushed.referrer, `${origin}/`, 'the previous route is the referrer');
  assert.equal(pushed.referrer_source, '', 'a move within the site is not a new source');
  assert.equal(pushed.session_id, landing.session_id);

  assert.deepEqual(
    await pageviewsAfter(page, "history.pushState({ same: true }, '', '/pricing?plan=pro')", 0),
    [],
  );
  assert.deepEqual(await pageviewsAfter(page, "history.replaceState({ scroll: 1 }, '')", 0), []);
  assert.deepEqual(await pageviewsAfter(page, "location.hash = 'faq'", 0), [], 'an anchor is not a page');

  const [replaced] = await pageviewsAfter(page, "history.replaceState({}, '', '/pricing?plan=team')", 1);
  assert.equal(replaced.pathname, '/pricing');
  const [hashRoute] = await pageviewsAfter(page, "location.hash = '#/settings'", 1);
  assert.equal(hashRoute.pathname, '/pricing');
  const [back] = await pageviewsAfter(page, 'history.go(-1)', 1);
  assert.equal(back.pathname, '/pricing');

  const all = rows();
  assert.equal(new Set(all.map((row) => row.event_id)).size, all.length, 'every pageview has its own id');
  await page.close();
});

test('consent: an opt-out persists and sends nothing until opt-in; respectDNT honours Global Privacy Control', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await pageviewsAfter(page, 'void 0', 1);
  const optOut = "_sluice.push(['optOut']); _sluice.push(['track', 'signup'])";
  assert.deepEqual(await pageviewsAfter(page, optOut, 0), []);
  assert.deepEqual(await pageviewsAfter(page, 'location.reload()', 0), [], 'the opt-out outlives the page');
  const optIn = "_sluice.push(['optIn']); _sluice.push(['track', 'signup', { plan: 'pro' }])";
  const [signup] = await pageviewsAfter(page, optIn, 1);
  assert.deepEqual([signup.name, signup.props_keys, signup.props_values], ['signup', ['plan'], ['pro']]);
  assert.equal(
    await page.evaluate('new Promise((resolve) => _sluice.push(() => resolve("ran after load")))'),
    'ran after load',
  );
  await page.close();

  const private_ = await browser.newPage();
  await private_.addInitScript({
    content: "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })",
  });
  await private_.goto(`${origin}/`);
  await pageviewsAfter(private_, 'void 0', 1);
  const respecting = "_sluice.push(['config', 'respectDNT', true]); _sluice.push(['track', 'pageview'])";
  assert.deepEqual(await pageviewsAfter(private_, respecting, 0), [], 'GPC is respected when the site asks');
  await private_.close();
});

test('identity: setUserId tags later events, refuses email addresses; reset ends user and session', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const [landing] = await pageviewsAfter(page, 'void 0', 1);
  assert.equal(landing.user_id, '');
  const [refused] = await pageviewsAfter(
    page,
    "_sluice.push(['setUserId', 'ann@shop.test'], ['track', 'login'])",
    1,
  );
  assert.equal(refused.user_id, '', 'an email address never leaves the page');
  const [tagged] = await pageviewsAfter(page, "_sluice.push(['setUserId', 'u-42'], ['track', 'login'])", 1);
  assert.equal(tagged.user_id, 'u-42');
  assert.equal(tagged.session_id, landing.session_id);
  const [after] = await pageviewsAfter(page, "_sluice.push(['reset'], ['track', 'logout'])", 1);
  assert.equal(after.user_id, '');
  assert.notEqual(after.session_id, landing.session_id, 'reset starts a new session');
  await page.close();
});

const SHOP = `
  <main><section aria-label="Product"><h2>Blue shoes</h2>
    <button id="buy" class="btn btn-primary css-1x2y3z"> Add
      to   cart </button>
    <a id="manual" href="/files/manual.pdf">Manual</a>
    <a id="partner" href="https://partner.test/offer">Partner</a>
    <form id="signup" action="/signup">
      <input type="email" name="email" value="ann@shop.test"><input type="password" value="hunter2">
      <button type="submit">Sign up</button>
    </form>
  </section></main><div style="height: 4000px"></div>`;

/** The customer page with the shop's elements, its links and form kept from navigating away. */
async function shopPage(init?: string): Promise<Page> {
  const page = await browser.newPage();
  if (init) await page.addInitScript({ content: init });
  await rowsAfter(
    () => page.goto(`${origin}/`),
    1,
    (row) => row.name === 'pageview',
  );
  await page.evaluate(`document.body.innerHTML = ${JSON.stringify(SHOP)};
    document.addEventListener('click', (event) => event.target.closest('a') && event.preventDefault());
    document.addEventListener('submit', (event) => event.preventDefault());`);
  return page;
}

test('autocapture: clicks with their element, downloads, outbound links and forms, never a field value', async () => {
  const page = await shopPage();
  const [buy] = await capturedAfter(page, () => page.click('#buy'), 1, '$autocapture');
  assert.deepEqual(
    [buy.name, buy.el_tag, buy.el_id, buy.el_classes, buy.el_text, buy.el_selector, buy.el_context],
    ['$autocapture', 'button', 'buy', 'btn btn-primary', 'Add to cart', 'button#buy', 'Product'],
  );
  assert.ok(buy.click_x > 0 && buy.click_y > 0, 'where the click landed on the page');
  assert.equal(buy.viewport_width, 1280);
  assert.match(buy.el_fingerprint, /^[0-9a-f]{16}$/);

  const [manual] = await capturedAfter(page, () => page.click('#manual'), 1, '$download');
  assert.deepEqual([manual.name, manual.el_href], ['$download', `${origin}/files/manual.pdf`]);
  const [partner] = await capturedAfter(page, () => page.click('#partner'), 1, '$outbound');
  assert.deepEqual(
    [partner.name, partner.el_href, partner.el_text],
    ['$outbound', 'https://partner.test/offer', 'Partner'],
  );

  const submitted = await capturedAfter(
    page,
    () => page.click('#signup button'),
    2,
    '$autocapture',
    '$form_submit',
  );
  const form = submitted.find((row) => row.name === '$form_submit')!;
  assert.deepEqual([form.el_tag, form.el_id, form.el_href], ['form', 'signup', `${origin}/signup`]);
  const written = readFileSync(eventsLog(), 'utf8');
  assert.ok(
    !written.includes('ann@shop.test') && !written.includes('hunter2'),
    'no field value leaves the page',
  );
  await page.close();

  const quiet = await shopPage("window._sluice = [['config', 'autocapture', { clicks: false }]]");
  assert.deepEqual(
    await capturedAfter(quiet, () => quiet.click('#buy'), 0, '$autocapture'),
    [],
    'clicks can be switched off',
  );
  await quiet.close();
});

test('errors and rejections are reported once each, and the page keeps working', async () => {
  const page = await shopPage();
  const reported = await capturedAfter(
    page,
    () =>
      page.evaluate(`
        setTimeout(() => { throw new TypeError('cart is undefined'); });
        setTimeout(() => { throw new TypeError('cart is undefined'); });
        setTimeout(() => { Promise.reject(new Error('payment refused')); });`),
    2,
    '$error',
  );
  const [thrown, rejected] = ['cart is undefined', 'payment refused'].map((message) =>
    reported.find((row) => row.error_message.includes(message))!,
  );
  assert.equal(thrown.error_message, 'Uncaught TypeError: cart is undefined');
  assert.ok(thrown.error_line > 0 && thrown.error_stack.includes('cart is undefined'));
  assert.equal(rejected.error_message, 'Unhandled: payment refused');
  assert.equal(reported.length, 2, 'the same error twice is reported once');
  const [later] = await capturedAfter(page, () => page.click('#buy'), 1, '$autocapture');
  assert.equal(later.name, '$autocapture', 'the tracker still works after the page threw');
  await page.close();
});

test('engagement: scroll depth and visible time of a page, reported when the route changes', async () => {
  const page = await shopPage();
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const left = await capturedAfter(
    page,
    () => page.evaluate("history.pushState({}, '', '/next')"),
    2,
    '$engagement',
    'pageview',
  );
  const engagement = left.find((row) => row.name === '$engagement')!;
  assert.equal(engagement.pathname, '/', 'the report names the page left');
  assert.equal(engagement.scroll_depth, 100);
  assert.ok(engagement.engaged_ms >= 300, `${engagement.engaged_ms} ms`);
  assert.ok(left.some((row) => row.name === 'pageview' && row.pathname === '/next'));
  await page.close();
});

test('delivery: events tracked offline wait in localStorage and arrive once, back online', async () => {
  const page = await shopPage();
  await page.context().setOffline(true);
  await page.evaluate("_sluice.push(['track', 'offline-1'], ['track', 'offline-2'], ['track', 'offline-3'])");
  await waitUntil(
    'the queued events',
    async () =>
      ((await page.evaluate("JSON.parse(localStorage.getItem('_sluice_q') || '[]').length")) as number) === 3,
  );
  const names = ['offline-1', 'offline-2', 'offline-3'];
  const replayed = await capturedAfter(page, () => page.context().setOffline(false), 3, ...names);
  assert.deepEqual(replayed.map((row) => row.name).sort(), names);
  // Long enough for any second delivery to show up.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const ids = rows()
    .filter((row) => names.includes(row.name))
    .map((row) => row.event_id);
  assert.equal(new Set(ids).size, 3);
  assert.equal(ids.length, 3, 'no event arrived twice');
  assert.equal(await page.evaluate("localStorage.getItem('_sluice_q')"), null, 'the queue is empty');
  await page.close();
});

test('delivery: what a closing tab tracked is sent as it closes, with its engagement', async () => {
  const page = await shopPage();
  const closed = await capturedAfter(
    page,
    async () => {
      await page.evaluate("_sluice.push(['track', 'last-words'])");
      await page.close({ runBeforeUnload: true });
    },
    2,
    'last-words',
    '$engagement',
  );
  assert.deepEqual(closed.map((row) => row.name).sort(), ['$engagement', 'last-words']);
});

test('commands queued before the tracker loads run once it has', async () => {
  const page = await browser.newPage();
  await page.addInitScript({ content: "window._sluice = [['track', 'early', { step: 1 }]]" });
  const [early] = await rowsAfter(
    () => page.goto(`${origin}/`),
    1,
    (row) => row.name === 'early',
  );
  assert.deepEqual([early.props_keys, early.props_values], [['step'], ['1']]);
  await page.close();
});

test('web vitals: LCP, layout shifts and the slowest interaction go with the engagement report', async () => {
  const page = await shopPage();
  // A banner pushed in above the content moves it: a layout shift that no input explains.
  await page.evaluate(`const banner = document.createElement('div');
    banner.style.height = '300px';
    banner.textContent = 'Sale';
    document.body.prepend(banner);
    document.querySelector('#buy').addEventListener('click', () => {
      const end = performance.now() + 200;
      while (performance.now() < end);
    });`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await page.click('#buy');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const [report] = await capturedAfter(
    page,
    () => page.evaluate("history.pushState({}, '', '/next')"),
    1,
    '$engagement',
  );
  assert.ok(report.lcp_ms > 0, `LCP ${report.lcp_ms} ms`);
  assert.ok(report.cls > 0, `CLS ${report.cls}`);
  assert.ok(report.inp_ms >= 200, `INP ${report.inp_ms} ms`);
  const [next] = await capturedAfter(
    page,
    () => page.evaluate("history.pushState({}, '', '/after')"),
    1,
    '$engagement',
  );
  assert.deepEqual(
    [next.lcp_ms, next.cls, next.inp_ms],
    [0, 0, 0],
    'each report carries what was measured since',
  );
  await page.close();
});

/** The persistent-mode site's page, linking to the site's other domain. */
const PERSISTENT_PAGE = pageWith(
  `<script>window._sluice = [['config', 'persistence', 'persistent'], ['config', 'crossDomain', ['${CUSTOMER_SECOND_HOST}']]]</script>` +
    trackerSnippet(PERSISTENT_SITE.key),
);
const persistentPageview = (page: Page, url: string, hostname = CUSTOMER_HOST) =>
  rowsAfter(
    () => page.goto(url),
    1,
    (row) => row.name === 'pageview' && row.site_id === PERSISTENT_SITE.id && row.hostname === hostname,
  );

test('identity: persistent mode keeps a first-party visitor id, cookieless mode none', async () => {
  customerPage('persistent.html', PERSISTENT_PAGE);
  const page = await browser.newPage();
  const [first] = await persistentPageview(page, `${origin}/persistent.html`);
  const visitor = (await page.evaluate("localStorage.getItem('_sluice_v')")) as string;
  assert.match(visitor, /^[0-9a-f]{32}$/);
  assert.equal(first.visitor_id, visitor, 'the edge keeps the persistent site’s own id');
  const [again] = await persistentPageview(page, `${origin}/persistent.html?again`);
  assert.equal(again.visitor_id, visitor, 'the id outlives the page');
  const [reset] = await pageviewsAfter(page, "_sluice.push(['reset'], ['track', 'after-reset'])", 1);
  assert.notEqual(reset.visitor_id, visitor, 'reset makes a new visitor');
  assert.equal(reset.visitor_id, await page.evaluate("localStorage.getItem('_sluice_v')"));
  const [cookieless] = await pageviewsAfter(
    page,
    "_sluice.push(['config', 'persistence', 'cookieless'], ['track', 'cookieless'])",
    1,
  );
  assert.equal(await page.evaluate("localStorage.getItem('_sluice_v')"), null, 'switching forgets the id');
  assert.match(cookieless.visitor_id, /^[0-9a-f]{32}$/);
  assert.notEqual(cookieless.visitor_id, reset.visitor_id, 'the edge counts a cookieless visitor');
  await page.close();

  const plain = await browser.newPage();
  await rowsAfter(
    () => plain.goto(`${origin}/`),
    1,
    (row) => row.name === 'pageview' && row.site_id === SITE.id,
  );
  assert.equal(
    await plain.evaluate('JSON.stringify(Object.keys(localStorage))'),
    '[]',
    'cookieless stores nothing',
  );
  await plain.close();
});

test('cross-domain linking: a link to the site’s other domain hands over session and visitor, briefly', async () => {
  customerPage('persistent.html', PERSISTENT_PAGE);
  const page = await browser.newPage();
  await persistentPageview(page, `${origin}/persistent.html`);
  const session = ((await page.evaluate("sessionStorage.getItem('_sluice_sid')")) as string).split(' ')[0];
  const visitor = await page.evaluate("localStorage.getItem('_sluice_v')");
  const target = `http://${CUSTOMER_SECOND_HOST}:${port}/persistent.html?step=pay`;
  await page.evaluate(`document.body.innerHTML = '<a id="pay" href="${target}">Pay</a>'`);
  const [landing] = await rowsAfter(
    () => page.click('#pay'),
    1,
    (row) => row.name === 'pageview' && row.hostname === CUSTOMER_SECOND_HOST,
  );
  assert.deepEqual([landing.session_id, landing.visitor_id], [session, visitor]);
  assert.equal(page.url(), target, 'the token is taken out of the address bar');
  await page.close();

  // A token older than two minutes (a link shared or bookmarked) is removed but not followed.
  const stale = await browser.newPage();
  const old = (Date.now() - 5 * 60_000).toString(36);
  const [fresh] = await persistentPageview(
    stale,
    `${target}&_sl=${'a'.repeat(32)}.${'b'.repeat(32)}.${old}`,
    CUSTOMER_SECOND_HOST,
  );
  assert.notEqual(fresh.session_id, 'a'.repeat(32));
  assert.notEqual(fresh.visitor_id, 'b'.repeat(32));
  assert.equal(stale.url(), target);
  await stale.close();
});

test('sampling keeps or drops whole sessions', async () => {
  for (const [prefix, kept] of [
    ['ffffff', 0],
    ['000000', 1],
  ] as const) {
    const session = prefix.padEnd(32, '0');
    const page = await browser.newPage();
    await page.addInitScript({
      content: `sessionStorage.setItem('_sluice_sid', '${session} ' + Date.now());
        window._sluice = [['config', 'sampling', 0.5]];`,
    });
    const sent = await rowsAfter(
      async () => {
        await page.goto(`${origin}/`);
        await page.evaluate("_sluice.push(['track', 'sampled'])");
      },
      kept * 2,
      (row) => row.session_id === session,
    );
    assert.equal(sent.length, kept * 2, `session ${prefix}…`);
    await page.close();
  }
});

test('flags and isEnabled answer from the configured flags; a mistaken command warns once, throws nothing', async () => {
  const page = await browser.newPage();
  const warnings: string[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.addInitScript({
    content: "window._sluice = [['config', 'flags', { beta: true, plan: 'pro' }]]",
  });
  await page.goto(`${origin}/`);
  const answers = await page.evaluate(`new Promise((resolve) => {
    const out = {};
    _sluice.push(
      ['isEnabled', 'beta', (on) => (out.beta = on)],
      ['isEnabled', 'gamma', (on) => (out.gamma = on)],
      ['flags', (flags) => resolve({ ...out, flags })],
    );
  })`);
  assert.deepEqual(answers, { beta: true, gamma: false, flags: { beta: true, plan: 'pro' } });
  await page.evaluate(
    "_sluice.push(['nope'], ['nope'], ['config', 'sampling', 'half'], ['setUserId', 'a@b.c'])",
  );
  assert.deepEqual(warnings, [
    'Sluice: ignored nope',
    'Sluice: ignored config sampling',
    'Sluice: ignored setUserId',
  ]);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('a throwing tracker handler leaves the page working, and the tracker too', async () => {
  const page = await shopPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  // The tracker's click handler reads the element's attributes: this element throws when it does.
  await page.evaluate(`const buy = document.querySelector('#buy');
    buy.getAttribute = () => { throw new Error('tracker handler fault'); };
    window.pageClicks = 0;
    buy.addEventListener('click', () => window.pageClicks++);`);
  assert.deepEqual(await capturedAfter(page, () => page.click('#buy'), 0, '$autocapture', '$error'), []);
  assert.equal(await page.evaluate('window.pageClicks'), 1, "the page's own handler ran");
  assert.deepEqual(pageErrors, [], 'nothing reached the page');
  const [later] = await capturedAfter(page, () => page.click('#manual'), 1, '$download');
  assert.equal(later.el_id, 'manual', 'the tracker still works');
  await page.close();
});

test('the lite build tracks pageviews and custom events, and captures no clicks', async () => {
  customerPage(
    'lite.html',
    pageWith(trackerSnippet(SITE.key).replace('/s.js', '/s.lite.js'), '<button id="b">Buy</button>'),
  );
  const page = await browser.newPage();
  await rowsAfter(
    () => page.goto(`${origin}/lite.html`),
    1,
    (row) => row.name === 'pageview' && row.pathname === '/lite.html',
  );
  const sent = await capturedAfter(
    page,
    async () => {
      await page.click('#b');
      await page.evaluate("_sluice.push(['track', 'lite-custom'])");
    },
    1,
    '$autocapture',
    'lite-custom',
  );
  assert.deepEqual(
    sent.map((row) => row.name),
    ['lite-custom'],
  );
  await page.close();
});

test("the README's snippet, pasted into a fresh page, reports its pageview", async () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const snippet = /```html\n([\s\S]*?)```/.exec(readme)![1].replace('YOUR_SITE_KEY', SITE.key);
  customerPage('pasted.html', `<!doctype html><title>Fresh</title>${snippet}<p>Hello</p>`);
  const page = await browser.newPage();
  const [pageview] = await rowsAfter(
    () => page.goto(`${origin}/pasted.html`),
    1,
    (row) => row.pathname === '/pasted.html',
  );
  assert.deepEqual([pageview.name, pageview.site_id], ['pageview', SITE.id]);
  await page.close();
});

test('every event the edge wrote, of every capture type, is in ClickHouse once', async () => {
  const written = rows();
  const idsByName = new Map<string, Set<string>>();
  for (const row of written)
    idsByName.set(row.name, (idsByName.get(row.name) ?? new Set()).add(row.event_id));
  for (const name of [
    'pageview',
    '$autocapture',
    '$download',
    '$outbound',
    '$form_submit',
    '$error',
    '$engagement',
  ])
    assert.ok(idsByName.has(name), `the browser tests captured ${name}`);
  const distinct = new Set(written.map((row) => row.event_id)).size;
  const stored = async () =>
    Number(
      (await clickhouse.query<{ n: string }>('SELECT uniqExact(event_id) AS n FROM sluice.events'))[0].n,
    );
  await waitUntil(`${distinct} events in ClickHouse`, async () => (await stored()) >= distinct, {
    timeoutMs: 30_000,
  });
  const byName = await clickhouse.query<{ name: string; n: string }>(
    'SELECT name, uniqExact(event_id) AS n FROM sluice.events GROUP BY name',
  );
  assert.deepEqual(
    Object.fromEntries(byName.map(({ name, n }) => [name, Number(n)])),
    Object.fromEntries([...idsByName].map(([name, ids]) => [name, ids.size])),
  );
  const [vitals] = await clickhouse.query<{ lcp: number; cls: number; inp: number }>(
    "SELECT max(lcp_ms) AS lcp, max(cls) AS cls, max(inp_ms) AS inp FROM sluice.events WHERE name = '$engagement'",
  );
  assert.ok(vitals.lcp > 0 && vitals.cls > 0 && vitals.inp >= 200, JSON.stringify(vitals));
});
