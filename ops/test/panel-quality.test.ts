import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { PANEL_LOCALE, startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The panel's errors, web vitals and realtime pages in Chromium over the real stack (ClickHouse 18.16,
 * backend, edge): error groups and vitals seeded with known answers, read as the pages show them, options
 * changed through the page (the URL follows, back restores, the link reopens), and a beacon sent through the
 * real edge arriving in the live stream without a reload, also after the tab was hidden. The realtime page's
 * screenshots at phone width dark and desktop width light go to docs/screenshots/ (the others: panel-demo.test.ts).
 */
let panel: PanelHarness;

const SITE_ID = 1;
const HOUR = 3_600_000;
const NOW = Date.now();
/** A row's `ts` (UTC, as ClickHouse takes it) `ms` before the test started. */
const before_ = (ms: number) => new Date(NOW - ms).toISOString().slice(0, 19).replace('T', ' ');
const day = (offsetDays: number) => new Date(NOW + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The last seven days in UTC, the seeded site's zone: every seeded row falls in them. */
const FROM = day(-6);
const TO = day(0);
const RANGE = `period=custom&from=${FROM}&to=${TO}`;
/** Dates as the panel writes them in the test browser's language, in the seeded site's zone. */
const inPanel = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(PANEL_LOCALE, { ...options, timeZone: 'UTC' });
/** Any space as a plain one: the browser's ICU and Node's may put a thin or a plain space around a range's dash. */
const plainSpaces = (text: string) => text.replace(/\s/g, ' ');
/** The seven days as the pages name them, spaces plain. */
const DAYS_SHOWN = plainSpaces(inPanel({ dateStyle: 'medium' }).formatRange(new Date(FROM), new Date(TO)));

const CART_STACK =
  'TypeError: cart is undefined\n    at addToCart (https://shop.test/app.js:10:5)\n    at onClick (https://shop.test/app.js:20:3)';
const error = (
  session: string,
  browser: string,
  ms: number,
  message: string,
  stack: string,
  pathname: string,
) =>
  sampleEventRow({
    site_id: SITE_ID,
    name: '$error',
    session_id: session,
    visitor_id: `visitor-${session}`,
    browser,
    pathname,
    ts: before_(ms),
    error_message: message,
    error_stack: stack,
    error_source: 'https://shop.test/app.js',
    error_line: 10,
  });

const ERRORS: EventRow[] = [
  // "cart is undefined": 3 occurrences, 2 visitors in 2 visits, on /cart and /checkout, in Chrome; first
  // seen 10 days ago, before the range.
  error('e0', 'Chrome', 240 * HOUR, 'TypeError: cart is undefined', CART_STACK, '/cart'),
  error('e1', 'Chrome', 50 * HOUR, 'TypeError: cart is undefined', CART_STACK, '/cart'),
  error('e1', 'Chrome', 50 * HOUR - 60_000, 'TypeError: cart is undefined', CART_STACK, '/cart'),
  error('e2', 'Chrome', 2.5 * HOUR, 'TypeError: cart is undefined', CART_STACK, '/checkout'),
  // "gtag is not defined": 1 occurrence, without a stack, in Firefox: new in the range.
  error('e3', 'Firefox', 4.5 * HOUR, 'ReferenceError: gtag is not defined', '', '/'),
];

const engagement = (
  session: string,
  device: string,
  pathname: string,
  lcp: number,
  inp: number,
  cls: number,
) =>
  sampleEventRow({
    site_id: SITE_ID,
    name: '$engagement',
    session_id: session,
    visitor_id: `visitor-${session}`,
    device,
    pathname,
    ts: before_(HOUR),
    lcp_ms: lcp,
    inp_ms: inp,
    cls,
  });

/**
 * Five measured page views. p75 is the 4th of 5 sorted samples: LCP 4200 ms (poor), INP 350 ms (needs
 * improvement), CLS 0.08 (good). Desktop (3): 2400, 180, 0.05 — mobile (2): 5200, 700, 0.30; / (3): 4200, 350,
 * 0.08 — /pricing (2): 5200, 700, 0.30.
 */
const VITALS: EventRow[] = [
  engagement('v1', 'desktop', '/', 1200, 80, 0.01),
  engagement('v2', 'desktop', '/', 1800, 120, 0.02),
  engagement('v3', 'desktop', '/pricing', 2400, 180, 0.05),
  engagement('v4', 'mobile', '/', 4200, 350, 0.08),
  engagement('v5', 'mobile', '/pricing', 5200, 700, 0.3),
];

before(async () => {
  panel = await startPanelHarness('quality');
  await panel.insertEvents([...ERRORS, ...VITALS]);
});

after(async () => {
  await panel?.stop();
});

/** A table's rows as the page shows them, cells joined by tabs, the header row first. */
async function rowsOf(page: Page, tableName: string | RegExp): Promise<string[]> {
  const rows = page.getByRole('table', { name: tableName }).getByRole('row');
  return (await rows.allInnerTexts()).map((row) =>
    row
      .replace(/\n+/g, ' ')
      .replace(/ *\t */g, '\t')
      .trim(),
  );
}

test('errors: the seeded groups with their counts, sorted and searched; a group opens at ?group=, back returns, the link reopens', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/errors?${RANGE}`);
  const groups = /^Error groups/;
  await page.getByRole('table', { name: groups }).waitFor();
  assert.equal(
    plainSpaces(await page.locator('.errors-summary').innerText()),
    `2 groups, 4 occurrences, ${DAYS_SHOWN}`,
  );
  assert.deepEqual(await rowsOf(page, groups), [
    'Error\tOccurrences ↓\tVisitors\tVisits\tFirst seen\tLast seen\tBrowsers',
    'TypeError: cart is undefined at addToCart (https://shop.test/app.js:10:5)\t3\t2\t2\t10d ago\t2h ago\tChrome',
    'New ReferenceError: gtag is not defined https://shop.test/app.js:10\t1\t1\t1\t4h ago\t4h ago\tFirefox',
  ]);
  // The exact time, in the site's zone, on hover.
  assert.equal(
    plainSpaces(
      (await page.getByRole('table', { name: groups }).locator('time').nth(1).getAttribute('title')) ?? '',
    ),
    plainSpaces(`${inPanel({ dateStyle: 'medium', timeStyle: 'medium' }).format(NOW - 2.5 * HOUR)} (UTC)`),
  );

  await page.getByRole('button', { name: 'Last seen' }).click();
  await page.waitForURL(/sort=lastSeen/);
  assert.deepEqual(
    (await rowsOf(page, groups)).slice(1).map((row) => row.split('\t')[1]),
    ['3', '1'],
  );
  await page.getByRole('button', { name: 'First seen' }).click();
  await page.waitForURL(/sort=firstSeen/);
  assert.deepEqual(
    (await rowsOf(page, groups)).slice(1).map((row) => row.split('\t')[1]),
    ['1', '3'],
  );
  await page.goBack();
  await page.waitForURL(/sort=lastSeen/);
  assert.deepEqual(
    (await rowsOf(page, groups)).slice(1).map((row) => row.split('\t')[1]),
    ['3', '1'],
  );

  await page.getByLabel('Search errors').fill('GTAG');
  assert.deepEqual((await rowsOf(page, groups)).length, 2);
  await page.getByLabel('Search errors').fill('');

  await page.getByRole('button', { name: /cart is undefined/ }).click();
  await page.waitForURL(/group=[0-9a-f]{16}/);
  const detailUrl = page.url();
  const figures = page.getByRole('definition');
  await page.getByRole('heading', { name: 'TypeError: cart is undefined' }).waitFor();
  assert.deepEqual((await figures.allInnerTexts()).slice(0, 3), ['3', '2', '2']);
  // First seen before the range, so when it first happened in the range too.
  assert.deepEqual((await page.getByRole('term').allInnerTexts()).slice(3, 6), [
    'First seen',
    'First in this range',
    'Last seen',
  ]);
  assert.deepEqual((await figures.allInnerTexts()).slice(3, 6), ['10d ago', '2d ago', '2h ago']);
  assert.deepEqual(await page.getByRole('region', { name: 'Pages' }).getByRole('row').allInnerTexts(), [
    'Page\tOccurrences\tVisitors',
    '/cart\t2\t1',
    '/checkout\t1\t1',
  ]);
  assert.deepEqual(await page.getByRole('region', { name: 'Browsers' }).getByRole('row').allInnerTexts(), [
    'Browser\tOccurrences\tVisitors',
    'Chrome\t3\t2',
  ]);
  const stacks = page.getByRole('figure', { name: 'Stack trace' }).locator('pre');
  assert.equal(await stacks.count(), 3);
  assert.equal(await stacks.first().innerText(), CART_STACK);
  await page.locator('.time-chart canvas').waitFor();

  await page.goBack();
  await page.getByRole('table', { name: groups }).waitFor();
  assert.ok(!page.url().includes('group='));

  const reopened = await panel.ownerPage(detailUrl);
  await reopened.getByRole('heading', { name: 'TypeError: cart is undefined' }).waitFor();
  assert.deepEqual((await reopened.getByRole('definition').allInnerTexts()).slice(0, 3), ['3', '2', '2']);
  await reopened.close();
  await page.close();
});

/** The three vital cards' text: name, p75, rating and shares. */
async function vitalCards(page: Page): Promise<string[]> {
  const cards = page.getByRole('list', { name: 'Web vitals at the 75th percentile' }).getByRole('listitem');
  await cards.first().waitFor();
  return (await cards.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

test('web vitals: p75 and ratings of the seeded samples; per page and per device, sorted, in the URL', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/vitals?${RANGE}`);
  assert.deepEqual(await vitalCards(page), [
    'LCP Largest Contentful Paint 4.20 s Poor Good 60.0%, Needs improvement 0.0%, Poor 40.0%',
    'INP Interaction to Next Paint 350 ms Needs improvement Good 60.0%, Needs improvement 20.0%, Poor 20.0%',
    'CLS Cumulative Layout Shift 0.08 Good Good 80.0%, Needs improvement 0.0%, Poor 20.0%',
  ]);
  assert.equal(
    plainSpaces(await page.locator('.vitals-measured').first().innerText()),
    `5 page views measured in ${DAYS_SHOWN} (samples: LCP 5, INP 5, CLS 5).`,
  );
  // Web vitals compare no periods: the page offers the period, not a comparison it would not draw.
  await page.getByLabel('From').waitFor();
  assert.equal(await page.getByLabel('Compare with').count(), 0);
  const table = /^75th percentile/;
  assert.deepEqual(await rowsOf(page, table), [
    'Page\tMeasured ↓\tLCP\tINP\tCLS',
    '/\t3\t4.20 s (Poor)\t350 ms (Needs improvement)\t0.08 (Good)',
    '/pricing\t2\t5.20 s (Poor)\t700 ms (Poor)\t0.30 (Poor)',
  ]);

  await page.getByRole('button', { name: 'Device', exact: true }).click();
  await page.waitForURL(/by=device/);
  await page.getByRole('rowheader', { name: 'mobile' }).waitFor();
  await page.getByRole('button', { name: 'LCP' }).click();
  await page.waitForURL(/sort=lcp/);
  const byDevice = [
    'Device\tMeasured\tLCP ↓\tINP\tCLS',
    'Mobile\t2\t5.20 s (Poor)\t700 ms (Poor)\t0.30 (Poor)',
    'Desktop\t3\t2.40 s (Good)\t180 ms (Good)\t0.05 (Good)',
  ];
  assert.deepEqual(await rowsOf(page, table), byDevice);
  const deviceUrl = page.url();

  await page.goBack();
  await page.goBack();
  await page.getByRole('rowheader', { name: '/pricing' }).waitFor();
  assert.equal((await rowsOf(page, table))[0], 'Page\tMeasured ↓\tLCP\tINP\tCLS');

  const reopened = await panel.ownerPage(deviceUrl);
  await reopened.getByRole('rowheader', { name: 'mobile' }).waitFor();
  assert.deepEqual(await rowsOf(reopened, table), byDevice);
  await reopened.close();
  await page.close();
});

test('a site with many measured pages: the first 25 shown, more on demand, a search across all of them', async () => {
  const { id } = await panel.post<{ id: number }>(
    '/sites',
    { name: 'Many pages', domain: 'many-pages.test', timezone: 'UTC' },
    201,
  );
  await panel.insertEvents(
    Array.from({ length: 30 }, (_, index) => ({
      ...engagement(`m${index}`, 'desktop', `/page-${index}`, 1000 + index, 100, 0.01),
      site_id: id,
    })),
  );
  const page = await panel.ownerPage(`/sites/${id}/vitals?${RANGE}`);
  const table = page.getByRole('table', { name: /^75th percentile/ });
  const more = page.getByRole('button', { name: 'Show 5 more' });
  await more.waitFor();
  assert.equal(await table.getByRole('rowheader').count(), 25);
  assert.equal(plainSpaces(await page.locator('.show-more span').innerText()), '25 of 30 pages shown.');
  await more.click();
  await table.getByRole('rowheader', { name: '/page-29', exact: true }).waitFor();
  assert.equal(await table.getByRole('rowheader').count(), 30);
  assert.equal(await more.count(), 0, 'every page shown');
  await page.getByLabel('Search pages').fill('page-2');
  await table.getByRole('rowheader', { name: '/page-1', exact: true }).waitFor({ state: 'detached' });
  assert.equal(await table.getByRole('rowheader').count(), 11, '/page-2 and /page-20 to /page-29');
  await page.close();
});

/** The realtime report read through the API: how the test knows an event reached ClickHouse. */
async function realtimeNow(): Promise<{ visitors: number; pageviews: number }> {
  const response = await fetch(`${panel.stack.adminUrl}/api/sites/${SITE_ID}/realtime`, {
    headers: { authorization: `Bearer ${panel.token}` },
  });
  return (await response.json()) as { visitors: number; pageviews: number };
}

/** Makes the tab hidden or visible again, as switching tabs does (headless Chromium never hides a page). */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate(`(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);

test('realtime: the last 5 minutes, and events sent through the edge arriving live; hidden, the stream pauses and resumes after the last event', async () => {
  // Two visitors two minutes ago, one from Google.
  await panel.insertEvents([
    sampleEventRow({
      site_id: SITE_ID,
      session_id: 'r1',
      visitor_id: 'visitor-r1',
      ts: before_(120_000),
      pathname: '/pricing',
      referrer_source: 'Google',
    }),
    sampleEventRow({
      site_id: SITE_ID,
      session_id: 'r2',
      visitor_id: 'visitor-r2',
      ts: before_(120_000),
      pathname: '/pricing',
    }),
  ]);
  const page = await panel.ownerPage(`/sites/${SITE_ID}/realtime`);
  const visitors = page.locator('.realtime-visitors');
  await visitors.waitFor();
  assert.equal(await visitors.innerText(), '2');
  assert.deepEqual(
    await page.getByRole('region', { name: 'Top pages now' }).getByRole('row').allInnerTexts(),
    ['Page\tPageviews', '/pricing\t2'],
  );
  assert.deepEqual(
    await page.getByRole('region', { name: 'Top sources now' }).getByRole('row').allInnerTexts(),
    ['Source\tVisitors', 'Direct / none\t1', 'Google\t1'],
  );
  // The last 30 minutes' pageviews, a bar a minute: their sum is in the chart's name.
  const minutes = page.getByRole('img', { name: /^Pageviews per minute over the last 30 minutes: / });
  const pageviewsIn = async () =>
    Number(/: (\d+) in all/.exec((await minutes.getAttribute('aria-label'))!)![1]);
  const before = await pageviewsIn();
  assert.ok(before >= 2, `${before} pageviews in the last 30 minutes`);
  const state = page
    .getByRole('status')
    .filter({ hasText: /Live|Connecting|Paused|reconnecting|Disconnected/ });
  await state.filter({ hasText: 'Live' }).waitFor();

  const live = page.getByRole('table', { name: /events at most, newest first/ });
  await panel.sendPageview(SITE_ID, '/from-the-edge');
  await live.getByRole('cell', { name: '/from-the-edge' }).waitFor();
  // The summary reads again on its own, without a reload: three visitors now, one more pageview in the minutes.
  await visitors.filter({ hasText: /^3$/ }).waitFor();
  assert.equal(await pageviewsIn(), before + 1);

  await setHidden(page, true);
  await state.filter({ hasText: 'Paused while this tab is hidden' }).waitFor();
  await panel.sendPageview(SITE_ID, '/while-hidden');
  await waitUntil(
    'the event sent while hidden in ClickHouse',
    async () => (await realtimeNow()).pageviews === 4,
  );
  assert.equal(await live.getByRole('row').count(), 2, 'nothing arrives while the stream is paused');

  await setHidden(page, false);
  await live.getByRole('cell', { name: '/while-hidden' }).waitFor();
  await state.filter({ hasText: 'Live' }).waitFor();
  const rows = (await live.getByRole('row').allInnerTexts()).map((row) =>
    row.split('\t').slice(1).join('\t'),
  );
  assert.deepEqual(
    rows,
    [
      'Event\tPage\tCountry\tDevice',
      'pageview\t/while-hidden\t(not set)\tDesktop',
      'pageview\t/from-the-edge\t(not set)\tDesktop',
    ],
    'resumed after the last event received: the one sent meanwhile, and none twice',
  );
  await page.close();

  // The overview, whatever its period, says how many are on the site now, and leads here.
  const overview = await panel.ownerPage(
    `/sites/${SITE_ID}/overview?period=custom&from=2026-11-10&to=2026-11-16`,
  );
  const current = overview.locator('.current-visitors a');
  await current.waitFor();
  const now = (await realtimeNow()).visitors;
  assert.ok(now >= 3, `${now} visitors in the last 5 minutes`);
  assert.equal(await current.innerText(), `${now} current visitors`);
  await current.click();
  await overview.waitForURL(/\/realtime$/);
  await overview
    .locator('.realtime-visitors')
    .filter({ hasText: String(now) })
    .waitFor();
  await overview.close();
});

test('the errors, web vitals and realtime pages at phone width dark and desktop width light; realtime: screenshots', async () => {
  for (const [width, dark] of [
    [390, true],
    [1280, false],
  ] as const) {
    const errors = await panel.ownerPage(`/sites/${SITE_ID}/errors?${RANGE}`, { width, dark });
    await errors.getByRole('table', { name: /^Error groups/ }).waitFor();
    await panel.assertAccessible(errors, `the errors page at ${width} px`);
    await panel.assertFits(errors);
    await errors.getByRole('button', { name: /cart is undefined/ }).click();
    await errors.locator('.time-chart canvas').waitFor();
    await panel.assertAccessible(errors, `the errors-detail page at ${width} px`);
    await panel.assertFits(errors);
    await errors.close();

    const vitals = await panel.ownerPage(`/sites/${SITE_ID}/vitals?${RANGE}`, { width, dark });
    await vitalCards(vitals);
    await vitals.getByRole('rowheader', { name: '/pricing' }).waitFor();
    await panel.assertAccessible(vitals, `the vitals page at ${width} px`);
    await panel.assertFits(vitals);
    await vitals.close();

    const realtime = await panel.ownerPage(`/sites/${SITE_ID}/realtime`, { width, dark });
    await realtime.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await panel.sendPageview(SITE_ID, `/pricing?shot=${width}`);
    await realtime.locator('.realtime-table td').first().waitFor();
    await panel.assertAccessible(realtime, `the realtime page at ${width} px`);
    await panel.screenshot(realtime, 'realtime');
    await realtime.close();
  }
});
