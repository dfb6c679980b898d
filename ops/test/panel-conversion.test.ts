import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The panel's goals, funnels and retention pages in Chromium over the real stack (ClickHouse 18.16, backend,
 * edge): a site seeded with visitors whose every funnel step, conversion and return is known, read through
 * the pages, their options changed through the UI (the URL follows, back restores, the link reopens), at phone
 * and desktop width (their screenshots: panel-demo.test.ts).
 */
let panel: PanelHarness;

const SITE_ID = 1;
/** Tuesday 10 to Monday 16 November, compared with the week before. */
const WEEK = 'period=custom&from=2026-11-10&to=2026-11-16';

interface Seen {
  visitor: string;
  session: string;
  country?: string;
  ts: string;
  pathname?: string;
  name?: string;
  revenue?: [number, string];
  /** An engagement report's deepest scroll, percent. */
  scroll?: number;
}

const row = ({
  visitor,
  session,
  country = 'US',
  ts,
  pathname = '/',
  name = 'pageview',
  revenue,
  scroll,
}: Seen): EventRow =>
  sampleEventRow({
    site_id: SITE_ID,
    visitor_id: `visitor-${visitor}`,
    session_id: session,
    country,
    ts,
    pathname,
    name,
    ...(revenue && { revenue_amount: revenue[0], revenue_currency: revenue[1] }),
    ...(scroll !== undefined && { scroll_depth: scroll, engaged_ms: 10_000 }),
  });

/** A visitor's reading of a page, reported as they left it: how far down they scrolled. */
const reading = (seen: Omit<Seen, 'name'>, scroll: number) => row({ ...seen, name: '$engagement', scroll });

/**
 * The week: five visitors enter at `/`. v1 and v2 (DE) go on to /pricing (after 60 s and 120 s) and sign up
 * (120 s and 240 s after that); v3 reaches /pricing after 300 s; v4 and v5 leave. Funnel / → /pricing → signup
 * in 30 minutes: 5, 3, 2; in 5 minutes: 5, 3 (v3 exactly at 300 s), 1 (v2's signup is 360 s after entry).
 * v1 and v2 buy (EUR 19.99, USD 5.00). v1 comes back on 11 and 13 November, v2 on 12 November. Of /pricing,
 * v1 reads 90 % down, v2 60 %, v3 all of it.
 * The week before: v6 (DE) enters and reaches /pricing, v7 (US) leaves.
 */
const SEEDED: EventRow[] = [
  row({ visitor: '1', session: '1a', country: 'DE', ts: '2026-11-10 10:00:00' }),
  row({ visitor: '1', session: '1a', country: 'DE', ts: '2026-11-10 10:01:00', pathname: '/pricing' }),
  reading(
    { visitor: '1', session: '1a', country: 'DE', ts: '2026-11-10 10:02:00', pathname: '/pricing' },
    90,
  ),
  row({
    visitor: '1',
    session: '1a',
    country: 'DE',
    ts: '2026-11-10 10:03:00',
    pathname: '/pricing',
    name: 'signup',
  }),
  row({
    visitor: '1',
    session: '1a',
    country: 'DE',
    ts: '2026-11-10 10:04:00',
    pathname: '/pricing',
    name: 'purchase',
    revenue: [19.99, 'EUR'],
  }),
  row({ visitor: '1', session: '1b', country: 'DE', ts: '2026-11-11 18:00:00', pathname: '/docs' }),
  row({ visitor: '1', session: '1c', country: 'DE', ts: '2026-11-13 18:00:00', pathname: '/docs' }),
  row({ visitor: '2', session: '2a', country: 'DE', ts: '2026-11-11 09:00:00' }),
  row({ visitor: '2', session: '2a', country: 'DE', ts: '2026-11-11 09:02:00', pathname: '/pricing' }),
  reading(
    { visitor: '2', session: '2a', country: 'DE', ts: '2026-11-11 09:03:00', pathname: '/pricing' },
    60,
  ),
  row({
    visitor: '2',
    session: '2a',
    country: 'DE',
    ts: '2026-11-11 09:06:00',
    pathname: '/pricing',
    name: 'signup',
  }),
  row({
    visitor: '2',
    session: '2a',
    country: 'DE',
    ts: '2026-11-11 09:07:00',
    pathname: '/pricing',
    name: 'purchase',
    revenue: [5, 'USD'],
  }),
  row({ visitor: '2', session: '2b', country: 'DE', ts: '2026-11-12 18:00:00', pathname: '/docs' }),
  row({ visitor: '3', session: '3a', ts: '2026-11-12 12:00:00' }),
  row({ visitor: '3', session: '3a', ts: '2026-11-12 12:05:00', pathname: '/pricing' }),
  reading({ visitor: '3', session: '3a', ts: '2026-11-12 12:05:00', pathname: '/pricing' }, 100),
  row({ visitor: '4', session: '4a', ts: '2026-11-13 08:00:00' }),
  row({ visitor: '5', session: '5a', ts: '2026-11-14 08:00:00' }),
  row({ visitor: '6', session: '6a', country: 'DE', ts: '2026-11-05 12:00:00' }),
  row({ visitor: '6', session: '6a', country: 'DE', ts: '2026-11-05 12:00:30', pathname: '/pricing' }),
  row({ visitor: '7', session: '7a', ts: '2026-11-06 12:00:00' }),
];

before(async () => {
  panel = await startPanelHarness('conversion');
  await panel.insertEvents(SEEDED);
  await panel.post(`/sites/${SITE_ID}/goals`, { name: 'Saw pricing', kind: 'page', match: '/pricing' }, 201);
  await panel.post(`/sites/${SITE_ID}/goals`, { name: 'Signed up', kind: 'event', match: 'signup' }, 201);
  // The tracker's first-party id follows a visitor across days: the grid's returns mean what they say.
  const changed = await fetch(`${panel.stack.adminUrl}/api/sites/${SITE_ID}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${panel.token}` },
    body: JSON.stringify({ privacyMode: 'persistent' }),
  });
  assert.equal(changed.status, 200, await changed.text());
});

after(async () => {
  await panel?.stop();
});

/** A locator's rows' texts, whitespace collapsed. */
const texts = async (rows: Locator) =>
  (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

/**
 * Waits until one of `list`'s items reads `text`: a view's previous numbers stay on screen while it loads.
 * If it never does, the failure says what the page shows instead.
 */
async function waitForText(list: Locator, text: string) {
  try {
    // Cells and terms are separate elements: any whitespace, or none, may stand between the words.
    const words = text.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    await list
      .filter({ hasText: new RegExp(words.join('\\s*')) })
      .first()
      .waitFor();
  } catch {
    assert.fail(`"${text}" never showed; the page shows ${JSON.stringify(await texts(list))}`);
  }
}

const goalRows = (page: Page) => page.getByRole('region', { name: 'Goals' }).getByRole('row');

test('goals: conversions, rates and changes as seeded; an admin adds and deletes goals; a chosen goal shows its days and sources', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/goals?${WEEK}`);
  await waitForText(goalRows(page), 'Saw pricing');
  // Saw pricing: v1–v3 of the week's 5 visitors (60%); v6 of the week before's 2 (50%).
  assert.deepEqual(await texts(goalRows(page)), [
    'Goal Conversions Rate',
    'Saw pricing Pageview of /pricing Delete 3 +200% against the previous period 60.0% +20% against the previous period',
    'Signed up Event signup Delete 2 — against the previous period 40.0% — against the previous period',
  ]);
  // The overview's Goals card: the same conversions and rates, with the conversions' change. (The site's address
  // without a report opens its overview, keeping the view it names.)
  const overview = await panel.ownerPage(`/sites/${SITE_ID}?${WEEK}`);
  await overview.waitForURL(`**/sites/${SITE_ID}/overview?${WEEK}`);
  const card = overview.getByRole('region', { name: 'Goals' });
  await card.scrollIntoViewIfNeeded();
  await waitForText(card.getByRole('row'), 'Saw pricing');
  assert.deepEqual(await texts(card.getByRole('row')), [
    'Goal Conversions Rate Change',
    'Saw pricing 3 60.0% +200%',
    'Signed up 2 40.0% —',
  ]);
  await overview.close();

  const form = page.getByRole('form', { name: 'Add a goal' });
  await form.getByLabel('Name').fill('Bought');
  await form.getByLabel('Counts').selectOption('event');
  await form.getByLabel('Event name').fill('purchase');
  await form.getByRole('button', { name: 'Add goal' }).click();
  await waitForText(goalRows(page), 'Bought');
  assert.deepEqual((await texts(goalRows(page))).slice(0, 2), [
    'Goal Conversions Rate Revenue',
    'Saw pricing Pageview of /pricing Delete 3 +200% against the previous period 60.0% +20% against the previous period —',
  ]);
  assert.deepEqual((await texts(goalRows(page))).slice(2), [
    'Bought Event purchase Delete 2 — against the previous period 40.0% — against the previous period €19.99',
    'Signed up Event signup Delete 2 — against the previous period 40.0% — against the previous period —',
  ]);
  // Amounts of two currencies are never added up: the table shows one at a time, and the reader switches.
  const currencies = page.getByRole('group', { name: 'Revenue currency' });
  assert.deepEqual(await currencies.getByRole('button').allInnerTexts(), ['EUR', 'USD']);
  await currencies.getByRole('button', { name: 'USD' }).click();
  await page.waitForURL(/currency=USD/);
  await waitForText(goalRows(page), 'Bought Event purchase Delete 2');
  assert.match((await texts(goalRows(page).filter({ hasText: 'Bought' })))[0], / \$5\.00$/);
  await currencies.getByRole('button', { name: 'EUR' }).click();
  await page.waitForURL(/currency=EUR/);
  // The card shows revenue too, once a goal has any.
  const withRevenue = await panel.ownerPage(`/sites/${SITE_ID}/overview?${WEEK}`);
  const revenueCard = withRevenue.getByRole('region', { name: 'Goals' });
  await revenueCard.scrollIntoViewIfNeeded();
  await waitForText(revenueCard.getByRole('row'), 'Bought');
  assert.deepEqual(await texts(revenueCard.getByRole('row')), [
    'Goal Conversions Rate Change Revenue',
    'Saw pricing 3 60.0% +200% —',
    'Bought 2 40.0% — €19.99',
    'Signed up 2 40.0% — —',
  ]);
  await withRevenue.close();

  await page.getByRole('button', { name: 'Delete goal Signed up' }).click();
  await page.getByRole('button', { name: 'Confirm: delete goal Signed up' }).click();
  await goalRows(page).filter({ hasText: 'Signed up' }).waitFor({ state: 'detached' });
  assert.equal((await texts(goalRows(page))).length, 3);

  await page.getByRole('button', { name: /^Saw pricing/ }).click();
  await page.waitForURL(/goal=\d+/);
  await page
    .getByRole('region', { name: 'Saw pricing: conversions by day' })
    .locator('canvas')
    .first()
    .waitFor();
  const sources = page.getByRole('region', { name: 'Conversions by source' }).getByRole('row');
  await waitForText(sources, 'Direct / none');
  assert.deepEqual(await texts(sources), ['Source Visitors Conversions Rate', 'Direct / none 5 3 60.0%']);
  const chosenUrl = page.url();

  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('goal='));
  await page.getByRole('region', { name: 'Conversions by source' }).waitFor({ state: 'detached' });

  const again = await panel.ownerPage(chosenUrl);
  await waitForText(
    again.getByRole('region', { name: 'Conversions by source' }).getByRole('row'),
    'Direct / none 5 3 60.0%',
  );
  await again.close();
  await page.close();
});

test('a scroll depth goal: visitors who read a page so far down, added from the form', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/goals?${WEEK}`);
  await waitForText(goalRows(page), 'Saw pricing');
  const form = page.getByRole('form', { name: 'Add a goal' });
  await form.getByLabel('Name').fill('Read pricing');
  await form.getByLabel('Counts').selectOption('scroll');
  await form.getByLabel('Page (* within a path segment, ** across)').fill('/pricing');
  assert.equal(await form.getByLabel('Scrolled at least').inputValue(), '75', 'three quarters by default');
  await form.getByRole('button', { name: 'Add goal' }).click();
  // v1 (90 %) and v3 (100 %) of the week's 5 visitors; v2 stopped at 60 %, and nobody read it the week before.
  await waitForText(goalRows(page), 'Read pricing');
  assert.deepEqual(await texts(goalRows(page).filter({ hasText: 'Read pricing' })), [
    'Read pricing Scrolled 75% of /pricing Delete 2 — against the previous period 40.0% — against the previous period —',
  ]);
  await page.getByRole('button', { name: 'Delete goal Read pricing' }).click();
  await page.getByRole('button', { name: 'Confirm: delete goal Read pricing' }).click();
  await goalRows(page).filter({ hasText: 'Read pricing' }).waitFor({ state: 'detached' });
  await page.close();
});

const stepRows = (page: Page) => page.getByRole('list', { name: 'Steps' }).getByRole('listitem');

test('funnels: an empty page offers funnels from the top page to each goal and along the top pages; one shows at a click', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/funnels?${WEEK}`);
  const suggested = page.getByRole('group', { name: 'Suggested funnels' }).getByRole('button');
  // The goals and the top pages are two answers: both drawn before the list is read.
  await waitForText(suggested, '/ → Saw pricing');
  await waitForText(suggested, '/ → /pricing → /docs');
  // The site's goals as the goals test left them (it adds and removes some), then along the top pages.
  const offered = await suggested.allInnerTexts();
  assert.equal(offered[0], '/ → Saw pricing');
  assert.equal(offered.at(-1), '/ → /pricing → /docs');
  await suggested.filter({ hasText: 'Saw pricing' }).click();
  await page.waitForURL(/step=/);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('step'), ['page:/', 'page:/pricing']);
  await waitForText(stepRows(page), 'Pageview of /pricing');
  assert.deepEqual(await texts(stepRows(page)), [
    '1 Pageview of / Visitors 5 From start 100.0% Previous period 2 (100.0%), +150%',
    '2 Pageview of /pricing Visitors 3 From start 60.0% From previous step 60.0% Dropped off 2 Median time 2m 00s Previous period 1 (50.0%), +200%',
  ]);
  await page.close();
});

test('funnels: built through the builder, the exact steps; the window changes the URL and the numbers, back restores, the link reopens', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/funnels?${WEEK}`);
  await page.getByRole('group', { name: 'Step 1' }).getByLabel('Page', { exact: true }).fill('/');
  await page.getByRole('group', { name: 'Step 2' }).getByLabel('Page', { exact: true }).fill('/pricing');
  await page.getByRole('button', { name: '+ Add step' }).click();
  await page.getByRole('group', { name: 'Step 3' }).getByLabel('Kind').selectOption('event');
  await page.getByRole('group', { name: 'Step 3' }).getByLabel('Event name').fill('signup');
  await page.getByRole('button', { name: 'Show funnel' }).click();
  await page.waitForURL(/step=/);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('step'), [
    'page:/',
    'page:/pricing',
    'event:signup',
  ]);

  await waitForText(stepRows(page), 'Event signup');
  // Medians: of 60, 120 and 300 s, 120 s; of 120 and 240 s, the upper middle 240 s.
  assert.deepEqual(await texts(stepRows(page)), [
    '1 Pageview of / Visitors 5 From start 100.0% Previous period 2 (100.0%), +150%',
    '2 Pageview of /pricing Visitors 3 From start 60.0% From previous step 60.0% Dropped off 2 Median time 2m 00s Previous period 1 (50.0%), +200%',
    '3 Event signup Visitors 2 From start 40.0% From previous step 66.7% Dropped off 1 Median time 4m 00s Previous period 0 (0.0%), —',
  ]);
  const thirtyMinutes = page.url();

  await page.getByLabel('Conversion window').selectOption('300');
  await page.waitForURL(/window=300/);
  await waitForText(stepRows(page), 'Visitors 1 From start 20.0%');
  assert.deepEqual((await texts(stepRows(page))).slice(1), [
    '2 Pageview of /pricing Visitors 3 From start 60.0% From previous step 60.0% Dropped off 2 Median time 2m 00s Previous period 1 (50.0%), +200%',
    '3 Event signup Visitors 1 From start 20.0% From previous step 33.3% Dropped off 2 Median time 2m 00s Previous period 0 (0.0%), —',
  ]);

  await page.goBack();
  await page.waitForURL(thirtyMinutes);
  await waitForText(stepRows(page), 'Visitors 2 From start 40.0%');

  await page.getByLabel('Break down by').selectOption('country');
  await page.waitForURL(/by=country/);
  const values = page.getByRole('region', { name: 'Conversion by country' }).getByRole('row');
  await waitForText(values, 'Germany');
  assert.deepEqual(await texts(values), [
    'Country Conversion Previous Entered Completed',
    'United States 0.0% 0.0% 3 0',
    'Germany 100.0% 0.0% 2 2',
  ]);

  const again = await panel.ownerPage(page.url());
  await waitForText(
    again.getByRole('region', { name: 'Conversion by country' }).getByRole('row'),
    'Germany 100.0% 0.0% 2 2',
  );
  assert.deepEqual(await texts(stepRows(again)), await texts(stepRows(page)));
  await again.close();
  await page.close();
});

test("funnels: a step's visitors and its drop-off list the people behind them, each a link to their events", async () => {
  const funnel = 'step=page:/&step=page:/pricing&step=event:signup';
  const page = await panel.ownerPage(`/sites/${SITE_ID}/funnels?${WEEK}&${funnel}`);
  await waitForText(stepRows(page), 'Event signup');
  // v4 and v5 entered at / and went no further: the latest to enter first.
  await page.getByRole('button', { name: '2 visitors dropped off before step 2: see who' }).click();
  await page.waitForURL(/who=dropped-2/);
  const dropped = page.getByRole('region', { name: 'Who dropped off before step 2: Pageview of /' });
  const droppedRows = dropped.getByRole('row');
  await waitForText(droppedRows, 'Nov 13');
  await dropped.getByText('All 2, the latest to enter first.').waitFor();
  const [header, latest, earlier] = await texts(droppedRows);
  assert.equal(header, 'Visitor Country Device Browser Entered Events');
  assert.match(latest, /^Visitor visitor-… United States .* Nov 14, 2026, .* Their events$/);
  assert.match(earlier, /^Visitor visitor-… United States .* Nov 13, 2026, .* Their events$/);
  assert.equal(await droppedRows.count(), 3);

  // Who signed up, and how long after entering: v2 after 6 minutes, v1 after 3.
  await page.getByRole('button', { name: '2 visitors reached step 3: see who' }).click();
  await page.waitForURL(/who=reached-3/);
  const converted = page.getByRole('region', { name: 'Who reached step 3: Event signup' }).getByRole('row');
  await waitForText(converted, '6m 00s');
  assert.deepEqual(
    (await texts(converted)).map((text) => text.replace(/ Nov .*, 2026, \S+ (AM|PM)/, ' …')),
    [
      'Visitor Country Device Browser Entered Time to step 3 Events',
      'Visitor visitor-… Germany (not set) (not set) … 6m 00s Their events',
      'Visitor visitor-… Germany (not set) (not set) … 3m 00s Their events',
    ],
  );
  assert.equal(
    await page
      .getByRole('button', { name: '2 visitors reached step 3: see who' })
      .getAttribute('aria-pressed'),
    'true',
  );

  // A visitor's events, in the explorer: what they did; back returns to the list.
  await page
    .getByRole('region', { name: 'Who reached step 3: Event signup' })
    .getByRole('link', { name: 'Their events (Visitor visitor-…)' })
    .first()
    .click();
  await page.waitForURL(/\/events\?/);
  assert.equal(new URL(page.url()).searchParams.get('visitor'), 'visitor-2');
  await page.getByText('One visitor’s events: visitor-2').waitFor();
  await page.goBack();
  await waitForText(
    page.getByRole('region', { name: 'Who reached step 3: Event signup' }).getByRole('row'),
    '6m 00s',
  );

  // Closed: the list follows the URL.
  await page.getByRole('button', { name: 'Close' }).click();
  await page.waitForURL((url) => !url.searchParams.has('who'));
  assert.equal(await page.getByRole('region', { name: /^Who / }).count(), 0);
  await page.close();
});

// The cohort grid, by its caption: the curve's legend below it is a table too.
const gridRows = (page: Page) => page.getByRole('table', { name: /^Cohorts by/ }).getByRole('row');

test('retention: the cohorts as seeded by week and by day, the returning event chosen, the identity mode stated', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/retention?${WEEK}`);
  await waitForText(gridRows(page), 'Week of Nov 9');
  // 16 November is a Monday: the range's second week, with no new visitor.
  assert.deepEqual(await texts(gridRows(page)), [
    'Cohort Visitors Week 0 Week 1',
    'Week of Nov 9 5 100% 5 visitors 0% 0 visitors',
    'Week of Nov 16 0 — 0 visitors',
  ]);
  await page.getByText('This site follows visitors across days').waitFor();

  await page.getByLabel('Cohorts by').selectOption('day');
  await page.waitForURL(/cohort=day/);
  await waitForText(gridRows(page), 'Nov 10');
  // v1 (10 Nov) came back on the 11th and 13th, v2 (11 Nov) on the 12th.
  assert.deepEqual(await texts(gridRows(page)), [
    'Cohort Visitors Day 0 Day 1 Day 2 Day 3 Day 4 Day 5 Day 6',
    'Nov 10 1 100% 1 visitors 100% 1 visitors 0% 0 visitors 100% 1 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors',
    'Nov 11 1 100% 1 visitors 100% 1 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors',
    'Nov 12 1 100% 1 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors',
    'Nov 13 1 100% 1 visitors 0% 0 visitors 0% 0 visitors 0% 0 visitors',
    'Nov 14 1 100% 1 visitors 0% 0 visitors 0% 0 visitors',
    'Nov 15 0 — 0 visitors — 0 visitors',
    'Nov 16 0 — 0 visitors',
  ]);
  // The grid in one line: each day's share over the cohorts that have it (Nov 10–14), weighted by size.
  assert.equal(
    await page.getByRole('img', { name: /^Average retention by day/ }).getAttribute('aria-label'),
    'Average retention by day after the first visit: Day 0 100.0%, Day 1 40.0%, Day 2 0.0%, Day 3 25.0%, Day 4 0.0%, Day 5 0.0%, Day 6 0.0%',
  );
  const daily = page.url();

  // A return is a signup now: none of the returning visits sent one.
  await page.getByLabel('A return is').selectOption('signup');
  await page.waitForURL(/return=signup/);
  await waitForText(gridRows(page), 'Nov 10 1 100% 1 visitors 0% 0 visitors 0%');

  await page.goBack();
  await page.waitForURL(daily);
  await waitForText(gridRows(page), 'Nov 10 1 100% 1 visitors 100% 1 visitors');
  await page.close();
});

test('the goals, funnels and retention pages at phone width (dark) and desktop width (light): within the screen, accessible', async () => {
  await panel.post(`/sites/${SITE_ID}/goals`, { name: 'Reached docs', kind: 'page', match: '/docs' }, 201);
  const funnel = 'step=page:/&step=page:/pricing&step=event:signup&by=country&who=dropped-2';
  for (const [width, dark] of [
    [390, true],
    [1280, false],
  ] as const) {
    const goalsPage = await panel.ownerPage(`/sites/${SITE_ID}/goals?${WEEK}`, { width, dark });
    await goalsPage.getByRole('button', { name: /^Saw pricing/ }).click();
    await goalsPage.locator('.time-chart canvas').first().waitFor();
    await waitForText(
      goalsPage.getByRole('region', { name: 'Conversions by page' }).getByRole('row'),
      '/pricing',
    );
    await panel.assertAccessible(goalsPage, `the goals page at ${width} px`);
    await panel.assertFits(goalsPage);
    await goalsPage.close();

    const funnels = await panel.ownerPage(`/sites/${SITE_ID}/funnels?${WEEK}&${funnel}`, { width, dark });
    await waitForText(
      funnels.getByRole('region', { name: 'Conversion by country' }).getByRole('row'),
      'Germany',
    );
    await funnels.getByText('All 2, the latest to enter first.').waitFor();
    await panel.assertAccessible(funnels, `the funnels page at ${width} px`);
    await panel.assertFits(funnels);
    await funnels.close();

    const retention = await panel.ownerPage(`/sites/${SITE_ID}/retention?${WEEK}&cohort=day`, {
      width,
      dark,
    });
    await waitForText(gridRows(retention), 'Nov 16');
    await panel.assertAccessible(retention, `the retention page at ${width} px`);
    await panel.assertFits(retention);
    await retention.close();
  }
});
