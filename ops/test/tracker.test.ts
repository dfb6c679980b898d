import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CONTRACT_JSON_PATH, withDefaults, type EventRow, type SiteEntry } from '@sluice/config';
import { startEdge, type RunningEdge } from '@sluice/edge';
import { freePort, waitUntil } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';
import { trackerSnippet } from '../src/stack/snippet';
import { CUSTOMER_HOST, launchChromium } from './browser';
import { startCustomerSite } from './customer-site';

/**
 * The built tracker in a real browser, on a customer page behind the first-party proxy, against the
 * real edge: assertions are on the rows the edge writes. (No ClickHouse: the pipeline has its own tests.)
 */
const SITE: SiteEntry = {
  id: 3,
  key: 'tracker-test-key',
  name: CUSTOMER_HOST,
  domain: CUSTOMER_HOST,
  timezone: 'UTC',
};

let dir: string;
let edge: RunningEdge;
let customer: Awaited<ReturnType<typeof startCustomerSite>>;
let browser: Browser;
let origin: string;
const eventsLog = () => join(dir, 'events', 'events.ndjson');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-tracker-'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'sites.json'), JSON.stringify({ version: 1, sites: [SITE] }));
  edge = await startEdge({
    target: 'debian',
    listenHost: '127.0.0.1',
    listenPort: await freePort(),
    prefix: join(dir, 'edge'),
    eventsLog: eventsLog(),
    sitesFile: join(dir, 'sites.json'),
    stateDir: join(dir, 'edge-state'),
    contractJson: CONTRACT_JSON_PATH,
    luaDir: join(REPO_ROOT, 'edge', 'lua'),
    trackerDir: join(REPO_ROOT, 'tracker', 'dist'),
    adminDir: join(dir, 'admin'),
    backendUpstream: '127.0.0.1:9',
    trustedProxies: ['127.0.0.1'],
    workerProcesses: 1,
  });
  const port = await freePort();
  customer = await startCustomerSite({
    dir: join(dir, 'customer-site'),
    port,
    edgeOrigin: edge.url,
    html: `<!doctype html><html><head><title>App</title>${trackerSnippet(SITE.key)}</head><body>app</body></html>`,
  });
  origin = `http://${CUSTOMER_HOST}:${port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await customer?.stop();
  await edge?.stop();
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
  assert.equal(rejected.error_message, 'Unhandled rejection: payment refused');
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
