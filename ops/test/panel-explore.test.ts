import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The panel's events explorer, autocaptured actions and ingest health in Chromium over the real stack
 * (ClickHouse 18.16, backend, edge, shipper): seeded rows whose every answer is known, read as the pages show
 * them; an option changed through the page changes the URL and the numbers, back restores them, the link
 * reopens the view. Health's screenshots at phone width (dark) and desktop width (light) go to docs/screenshots/
 * (the explorer's and the actions': panel-demo.test.ts).
 */
let panel: PanelHarness;

const SITE_ID = 1;
const WEEK = 'period=custom&from=2026-11-10&to=2026-11-16';
const CLICK_DAY = 'period=custom&from=2026-11-18&to=2026-11-18';

/** 52 pageviews a minute apart from 2026-11-12 10:00 UTC (/p/0 … /p/51), then a signup with two properties. */
const PAGEVIEWS = 52;
const pageviews: EventRow[] = Array.from({ length: PAGEVIEWS }, (_, index) =>
  sampleEventRow({
    site_id: SITE_ID,
    session_id: 'explorer',
    ts: `2026-11-12 ${String(10 + Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00`,
    pathname: `/p/${index}`,
    country: 'DE',
    browser: 'Firefox',
  }),
);
const signup = sampleEventRow({
  site_id: SITE_ID,
  session_id: 'explorer',
  ts: '2026-11-12 11:00:00',
  name: 'signup',
  pathname: '/pricing',
  props_keys: ['plan', 'seats'],
  props_values: ['pro', '5'],
});

/** Autocaptured clicks on 2026-11-18: one element named in autocapture_names, one by its text only. */
const CART = '00000000000000c1';
const BUY = '00000000000000b2';
const click = (visitor: string, fingerprint: string, pathname: string, element: Partial<EventRow>) =>
  sampleEventRow({
    site_id: SITE_ID,
    session_id: `clicks-${visitor}`,
    visitor_id: `visitor-${visitor}`,
    ts: '2026-11-18 09:00:00',
    name: '$autocapture',
    pathname,
    el_fingerprint: fingerprint,
    ...element,
  });
const cart = { el_tag: 'button', el_text: 'Add', el_selector: '#product > button', el_context: 'Pricing' };
const buy = { el_tag: 'button', el_text: 'Buy now', el_id: 'buy' };
const clicks: EventRow[] = [
  click('x', CART, '/pricing', cart),
  click('x', CART, '/pricing', { ...cart, ts: '2026-11-18 09:01:00' }),
  click('y', CART, '/shop', { ...cart, ts: '2026-11-18 09:02:00' }),
  click('x', BUY, '/shop', buy),
  click('y', BUY, '/shop', buy),
  click('z', BUY, '/shop', buy),
];

/**
 * A day of custom events with properties: plan by three visitors (pro twice, the first of them with an upgrade
 * too), seats by two.
 */
const PROPERTY_DAY = 'period=custom&from=2026-11-25&to=2026-11-25';
const custom = (visitor: string, name: string, props: Record<string, string>) =>
  sampleEventRow({
    site_id: SITE_ID,
    session_id: `props-${visitor}`,
    visitor_id: `visitor-${visitor}`,
    ts: '2026-11-25 09:00:00',
    name,
    pathname: '/pricing',
    props_keys: Object.keys(props),
    props_values: Object.values(props),
  });
const withProperties: EventRow[] = [
  custom('p1', 'signup', { plan: 'pro', seats: '5' }),
  custom('p1', 'upgrade', { plan: 'pro' }),
  custom('p2', 'signup', { plan: 'pro', seats: '10' }),
  custom('p3', 'signup', { plan: 'free' }),
];

before(async () => {
  panel = await startPanelHarness('explore');
  await panel.insertEvents([...pageviews, signup, ...clicks, ...withProperties]);
  await panel.clickhouse(
    `INSERT INTO autocapture_names VALUES (${SITE_ID}, '${CART}', 'Add to cart', 'manual', '2026-11-01 00:00:00')`,
  );
});

after(async () => {
  await panel?.stop();
});

/** The table's rows as the page shows them: each cell's text, tab-separated. */
const rowsOf = async (page: Page, region: string) =>
  (await page.getByRole('region', { name: region }).locator('tbody > tr').allInnerTexts()).map((row) =>
    // A row's name is a block button: its line break is not the table's.
    row.replace(/\n/g, '').trim(),
  );

test('the explorer lists the newest events, pages to older ones, opens a row, filters by a condition in the URL', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/events?${WEEK}`);
  const events = page.getByRole('region', { name: 'Events' });
  await events.getByText('50 events shown').waitFor();
  const first = await rowsOf(page, 'Events');
  assert.equal(first.length, 50);
  assert.deepEqual(first.slice(0, 3), [
    'Nov 12, 2026, 11:00:00 AM\tsignup\t/pricing\t(not set)\t(not set)',
    'Nov 12, 2026, 10:51:00 AM\tPageview\t/p/51\tGermany\tFirefox',
    'Nov 12, 2026, 10:50:00 AM\tPageview\t/p/50\tGermany\tFirefox',
  ]);
  assert.equal(first.at(-1), 'Nov 12, 2026, 10:03:00 AM\tPageview\t/p/3\tGermany\tFirefox');

  // Older events: the next page appended below the loaded ones, and no cursor in the URL.
  const url = page.url();
  await events.getByRole('button', { name: 'Older events' }).click();
  await events.getByText('53 events shown').waitFor();
  const all = await rowsOf(page, 'Events');
  assert.deepEqual(all.slice(0, 50), first);
  assert.deepEqual(all.slice(50), [
    'Nov 12, 2026, 10:02:00 AM\tPageview\t/p/2\tGermany\tFirefox',
    'Nov 12, 2026, 10:01:00 AM\tPageview\t/p/1\tGermany\tFirefox',
    'Nov 12, 2026, 10:00:00 AM\tPageview\t/p/0\tGermany\tFirefox',
  ]);
  await events.getByText('No older events in this period.').waitFor();
  assert.equal(page.url(), url);

  // A row opens to every field it carries and its properties.
  await events.getByRole('button', { name: 'Nov 12, 2026, 11:00:00 AM' }).click();
  assert.deepEqual(await events.getByLabel('Properties').innerText(), 'plan\npro\nseats\n5');
  const fields = (await events.getByLabel('Fields').innerText()).split('\n');
  assert.deepEqual(fields.slice(fields.indexOf('name'), fields.indexOf('name') + 6), [
    'name',
    'signup',
    'hostname',
    'shop.test',
    'pathname',
    '/pricing',
  ]);

  await events.getByRole('button', { name: 'Nov 12, 2026, 11:00:00 AM' }).click();

  // A condition of the explorer's own: in the URL, the list follows; back restores it; the link reopens it.
  const find = page.getByRole('region', { name: 'Find events' });
  await find.getByLabel('Field').selectOption('event_name');
  await find.getByRole('combobox', { name: 'Match' }).selectOption('is_not');
  await find.getByRole('combobox', { name: 'Value' }).fill('pageview');
  await find.getByRole('button', { name: 'Add condition' }).click();
  await page.waitForURL(/where=event_name%3Ais_not%3Apageview/);
  await events.getByText('1 event shown').waitFor();
  assert.deepEqual(await rowsOf(page, 'Events'), [
    'Nov 12, 2026, 11:00:00 AM\tsignup\t/pricing\t(not set)\t(not set)',
  ]);
  const filtered = page.url();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    events.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'events.csv');
  const csv = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n');
  assert.equal(csv.length, 2, 'the header and the signup');
  assert.match(csv[1], new RegExp(`^"${signup.event_id}",${SITE_ID},"2026-11-12 11:00:00","signup"`));

  // Back shows the list as it was, older page included (the cache keeps the pages loaded).
  await page.goBack();
  await page.waitForURL((next) => !next.search.includes('where='));
  await events.getByText('53 events shown').waitFor();

  const shared = await panel.ownerPage(filtered);
  await shared.getByRole('region', { name: 'Events' }).getByText('1 event shown').waitFor();
  assert.equal(shared.url(), filtered);
  await shared.close();
  await page.close();
});

test("a row opens to its visit's and its visitor's events, in the URL; every event again at a click", async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/events?${CLICK_DAY}`);
  const events = page.getByRole('region', { name: 'Events' });
  await events.getByText('6 events shown').waitFor();
  await events.getByRole('button', { name: 'Nov 18, 2026, 9:01:00 AM' }).click();
  await events.getByRole('button', { name: 'This visit’s events' }).click();
  await page.waitForURL(/session=clicks-x/);
  await events.getByText('3 events shown').waitFor();
  await events.getByText('One visit’s events: clicks-x').waitFor();
  // A profile of the visit heads its events: when, how much (clicks only, no pageview).
  const figures = async (profile: Locator) =>
    (await profile.getByLabel('Figures').innerText()).replace(/\s+/g, ' ').trim();
  const visitProfile = page.getByRole('region', { name: 'Visit clicks-x' });
  await visitProfile.getByLabel('Figures').waitFor();
  assert.equal(
    await figures(visitProfile),
    'First seen Nov 18, 2026, 9:00:00 AM Last seen Nov 18, 2026, 9:01:00 AM Pageviews 0 Events 3',
  );
  // The row opened stays open, where it now is among its visit's (the two at 9:00 in either order: their ids decide).
  const rows = (await rowsOf(page, 'Events')).filter((row) => row.startsWith('Nov'));
  assert.equal(rows[0], 'Nov 18, 2026, 9:01:00 AM\tAutocaptured click\t/pricing\t(not set)\t(not set)');
  assert.deepEqual(rows.slice(1).sort(), [
    'Nov 18, 2026, 9:00:00 AM\tAutocaptured click\t/pricing\t(not set)\t(not set)',
    'Nov 18, 2026, 9:00:00 AM\tAutocaptured click\t/shop\t(not set)\t(not set)',
  ]);

  // From the visit to its visitor: the link to the visit shown is not offered again.
  assert.equal(await events.getByRole('button', { name: 'This visit’s events' }).count(), 0);
  await events.getByRole('button', { name: 'This visitor’s events' }).click();
  await page.waitForURL(
    (url) => url.searchParams.get('visitor') === 'visitor-x' && !url.searchParams.has('session'),
  );
  await events.getByText('One visitor’s events: visitor-x').waitFor();
  await events.getByText('3 events shown').waitFor();
  // The visitor's profile: their one visit, which opens its own events again.
  const visitorProfile = page.getByRole('region', { name: 'Visitor visitor-…' });
  await visitorProfile.getByRole('heading', { name: '1 visit' }).waitFor();
  await visitorProfile.getByLabel('Figures').filter({ hasText: 'Visits' }).waitFor();
  assert.equal(
    await figures(visitorProfile),
    'First seen Nov 18, 2026, 9:00:00 AM Last seen Nov 18, 2026, 9:01:00 AM Visits 1 Pageviews 0 Events 3',
  );
  assert.deepEqual(await rowsOf(page, 'Visits, scrollable'), [
    'Nov 18, 2026, 9:00:00 AM\t1m 00s\tDirect / none\t—\t0\t3\tThis visit’s events',
  ]);
  await visitorProfile.getByRole('button', { name: /^This visit’s events/ }).click();
  await page.waitForURL((url) => url.searchParams.get('session') === 'clicks-x');
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.get('visitor') === 'visitor-x');

  await events.getByRole('button', { name: 'Show every event' }).click();
  await page.waitForURL((url) => !url.searchParams.has('visitor'));
  await events.getByText('6 events shown').waitFor();
  await page.close();
});

test('the actions: named as the API names them, searched, sorted, opened to their context; one filters the panel', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/actions?${CLICK_DAY}&compare=none`);
  const actions = page.getByRole('region', { name: 'Actions' });
  await actions.getByRole('button', { name: 'Add to cart', exact: true }).waitFor();
  assert.deepEqual(await rowsOf(page, 'Actions'), [
    "Clicked 'Buy now' on /shopRename\tAutomatic\t3\t3\tContext",
    'Add to cartRenameAutomatic name\tManual\t2\t3\tContext',
  ]);
  await actions.getByLabel('Sort actions by').selectOption('clicks');
  assert.deepEqual(await rowsOf(page, 'Actions'), [
    'Add to cartRenameAutomatic name\tManual\t2\t3\tContext',
    "Clicked 'Buy now' on /shopRename\tAutomatic\t3\t3\tContext",
  ]);
  await actions.getByLabel('Search actions').fill('buy');
  assert.deepEqual(await rowsOf(page, 'Actions'), [
    "Clicked 'Buy now' on /shopRename\tAutomatic\t3\t3\tContext",
  ]);
  await actions.getByLabel('Search actions').fill('');

  await actions.getByRole('button', { name: 'Context of Add to cart' }).click();
  const element = actions.getByLabel('Element of Add to cart');
  await element.waitFor();
  assert.equal(
    await element.innerText(),
    [
      'Element',
      '<button>',
      'Text',
      'Add',
      'Selector',
      '#product > button',
      'Section',
      'Pricing',
      'Last clicked on',
      'shop.test/shop',
      'Fingerprint',
      CART,
    ].join('\n'),
  );
  const pages = actions.getByRole('table', { name: 'Pages where Add to cart was clicked' });
  await pages.getByRole('cell', { name: '/shop' }).waitFor();
  assert.deepEqual(
    (await pages.locator('tbody > tr').allInnerTexts()).map((row) => row.trim()),
    ['/pricing\t1\t2', '/shop\t1\t1'],
  );

  // An action's name filters the panel by it: the overview then counts the visits that clicked it.
  await actions.getByRole('button', { name: 'Add to cart', exact: true }).click();
  await page.waitForURL(new RegExp(`filter=element%3A${CART}`));
  // The link filters by the fingerprint; the chip names the action as its row did, here and on every page.
  const chips = async () => {
    const filters = page.getByRole('list', { name: 'Filters' });
    await filters.getByRole('button', { name: 'Remove filter Action is Add to cart', exact: true }).waitFor();
    return filters
      .locator('.filter-chip')
      .evaluateAll((items) => items.map((item) => item.firstChild?.textContent));
  };
  assert.deepEqual(await chips(), ['Action is Add to cart']);
  await page.getByRole('link', { name: 'Overview' }).click();
  assert.deepEqual(await chips(), ['Action is Add to cart']);
  const cards = page.getByRole('list', { name: 'Metrics' }).getByRole('button');
  await cards
    .first()
    .filter({ hasText: /^\s*Unique visitors\s*2/ })
    .waitFor();
  await page.close();
});

/** The site the health test sends beacons for: its page is the one worth a screenshot. */
let healthSiteId = SITE_ID;

/** A beacon to the real edge: `events` for `siteKey`, from `origin`, with a browser's or `userAgent`. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
async function beacon(
  siteKey: string,
  events: object[],
  origin: string,
  userAgent = BROWSER,
): Promise<number> {
  return send(JSON.stringify({ s: siteKey, e: events }), {
    'content-type': 'text/plain',
    origin,
    'user-agent': userAgent,
  });
}

/**
 * POSTs `body` to the real edge; a 429 (the per-address rate limit, which the probe for a new site can reach)
 * is refused in nginx before any site's count, so the beacon is sent again until the edge reads it.
 */
async function send(body: string, headers: Record<string, string> = {}): Promise<number> {
  for (;;) {
    const response = await fetch(`${panel.stack.edgeUrl}/telemetry/e`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    if (response.status !== 429) return response.status;
  }
}

test("the Events card's properties: a key's values by visitors; a value filters the page by the key and the value", async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/overview?${PROPERTY_DAY}`);
  const events = page.getByRole('region', { name: 'Events' });
  // Below the window, the card asks for nothing until it is scrolled to.
  await events.scrollIntoViewIfNeeded();
  await events.getByRole('cell', { name: 'signup' }).waitFor();
  await events.getByRole('button', { name: 'Properties' }).click();
  const key = events.getByLabel('Property', { exact: true });
  await events.getByRole('cell', { name: 'free' }).waitFor();
  // The keys by their visitors, the first chosen: plan's values, most visitors first.
  assert.deepEqual(await key.locator('option').allInnerTexts(), ['plan', 'seats']);
  assert.deepEqual(await rowsOf(page, 'Events'), ['pro\t2\t—', 'free\t1\t—']);
  await key.selectOption('seats');
  await events.getByRole('cell', { name: '10' }).waitFor();
  assert.deepEqual(await rowsOf(page, 'Events'), ['10\t1\t—', '5\t1\t—']);

  await key.selectOption('plan');
  await events.getByRole('button', { name: 'pro', exact: true }).click();
  await page.waitForURL(/filter=prop_key%3Aplan&filter=prop_value%3Apro/);
  const filters = page.getByRole('list', { name: 'Filters' });
  await filters.getByText('Property is plan').waitFor();
  await filters.getByText('Property value is pro').waitFor();
  await page
    .getByRole('list', { name: 'Metrics' })
    .getByRole('button')
    .first()
    .filter({ hasText: /^\s*Unique visitors\s*2\b/ })
    .waitFor();
  await page.close();
});

test("ingest health: a site's accepted, refused and bot events, counted by the real edge, as the page shows them", async () => {
  const site = await panel.post<{ id: number; siteKey: string }>(
    '/sites',
    { name: 'health.test', domain: 'health.test', allowedOrigins: ['https://health.test'] },
    201,
  );
  healthSiteId = site.id;
  const origin = 'https://health.test';
  const good = { n: 'pageview', u: 'https://health.test/' };
  // The edge reads the new site from the sites file within seconds: until then its key is unknown (400).
  while ((await beacon(site.siteKey, [good], origin)) !== 204);
  assert.equal(await beacon(site.siteKey, [good, good], 'https://elsewhere.test'), 403);
  assert.equal(
    await beacon(site.siteKey, [good, { u: 'https://health.test/' }, { n: 'x', u: 'nope' }], origin),
    400,
  );
  assert.equal(await beacon(site.siteKey, [good, good], origin, 'curl/8.5.0'), 204);
  assert.equal(await send('{oops'), 400);

  // Each of the edge's workers adds its counts to what it serves once a second, on its own timer: the worker
  // that took the last beacon may add its counts before another adds the earlier ones, so wait until all are in.
  const read = async () =>
    (await (
      await fetch(`${panel.stack.adminUrl}/api/sites/${site.id}/ingest-health`, {
        headers: { authorization: `Bearer ${panel.token}` },
      })
    ).json()) as {
      site: { accepted: number; bots: unknown[] };
      node: { refusedRequests: { reason: string }[] };
    };
  await waitUntil('every beacon counted', async () => {
    const health = await read();
    assert.ok(health.node.refusedRequests.some((line) => line.reason === 'bad_json'));
    assert.deepEqual(health.site, {
      accepted: 4,
      refused: [
        { reason: 'origin_not_allowed', count: 2 },
        { reason: 'bad_url', count: 1 },
        { reason: 'missing_name', count: 1 },
      ],
      bots: [{ kind: 'library', action: 'flagged', events: 2 }],
    });
    return true;
  });

  const page = await panel.ownerPage(`/sites/${site.id}/health`);
  const intake = page.getByRole('region', { name: 'health.test: events at the edge' });
  await intake.getByText('Accepted').waitFor();
  assert.equal(
    (await intake.getByRole('definition').allInnerTexts()).join(' '),
    '4 4 2',
    'accepted, refused and from bots',
  );
  const table = async (name: string) =>
    (await page.getByRole('table', { name, exact: true }).locator('tbody > tr').allInnerTexts()).map((row) =>
      row.trim(),
    );
  assert.deepEqual(await table('Refused, by reason'), [
    'Origin not allowed\t2',
    'Invalid: page URL unreadable\t1',
    'Invalid: no event name\t1',
  ]);
  assert.deepEqual(await table('Bots, by kind'), ['HTTP libraries and scripts (kept, flagged)\t2']);
  const node = await table('Requests refused, by reason');
  assert.ok(node.includes('Unreadable body\t1'), node.join(', '));
  assert.ok(node.includes('Origin not allowed\t1'), node.join(', '));
  const pipeline = await table('Pipeline');
  assert.deepEqual(
    pipeline.map((row) => row.split('\t')[0]),
    [
      'Backlog on disk',
      'Beacons refused for disk',
      'Pipeline lag',
      'Not yet in ClickHouse',
      'Dead letters',
      'Rows ClickHouse refused',
      'Failed inserts (retried)',
    ],
  );
  assert.equal(pipeline[4], 'Dead letters\t0');
  // Counters read now: the period and comparison of the other pages have no control here, the site picker has.
  assert.equal(await page.getByLabel('Period').count(), 0);
  assert.equal(await page.getByLabel('Compare with').count(), 0);
  await page.getByLabel('Site').waitFor();
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByLabel('Compare with').waitFor();
  await page.close();
});

test('the explorer, actions and health at phone width (dark) and desktop width (light); health: screenshots', async () => {
  for (const [width, dark] of [
    [390, true],
    [1280, false],
  ] as const) {
    const page = await panel.ownerPage(`/sites/${SITE_ID}/events?${WEEK}`, { width, dark });
    const events = page.getByRole('region', { name: 'Events' });
    await events.getByText('50 events shown').waitFor();
    await events.getByRole('button', { name: 'Nov 12, 2026, 11:00:00 AM' }).click();
    await panel.assertFits(page);
    await page.goto(`${panel.stack.adminUrl}/sites/${SITE_ID}/actions?${CLICK_DAY}`);
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Context of Add to cart' }).click();
    await actions
      .getByRole('table', { name: 'Pages where Add to cart was clicked' })
      .getByRole('cell', { name: '/shop' })
      .waitFor();
    await panel.assertFits(page);
    await page.goto(`${panel.stack.adminUrl}/sites/${healthSiteId}/health`);
    await page.getByRole('table', { name: 'Pipeline' }).waitFor();
    await panel.screenshot(page, 'health');
    await page.close();
  }
});

test('owners rename an action in place and back; the actions page and the AI page have no serious accessibility violation', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/actions?${CLICK_DAY}&compare=none`);
  const actions = page.getByRole('region', { name: 'Actions' });
  await actions.getByRole('button', { name: "Rename Clicked 'Buy now' on /shop" }).click();
  const field = actions.getByLabel("New name of Clicked 'Buy now' on /shop");
  await panel.assertAccessible(page, 'the actions page with a rename open');
  await field.fill('Bought now');
  await actions.getByRole('button', { name: 'Save' }).click();
  await actions.getByRole('button', { name: 'Automatic name for Bought now' }).click();
  await actions.getByRole('button', { name: "Rename Clicked 'Buy now' on /shop" }).waitFor();
  const ai = await panel.ownerPage('/ai');
  await ai.getByRole('button', { name: 'Test connection' }).waitFor();
  await panel.assertAccessible(ai, 'the AI provider page');
  await ai.close();
  await page.close();
});
