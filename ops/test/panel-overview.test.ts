import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { everyCardDrawn } from './browser';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The panel's overview in Chromium over the real stack (ClickHouse 18.16, backend, edge): a site seeded with
 * visits whose every number is known, read through the panel's URL, its filter from a breakdown row, back,
 * and a shared link, at phone and desktop width, light and dark (its screenshots: panel-demo.test.ts).
 */
let panel: PanelHarness;

const SITE_ID = 1;
/** A week with three visits, and the week before it with one (so the change is +200%). */
const WEEK = 'period=custom&from=2026-11-10&to=2026-11-16';

const pageview = (session: string, country: string, ts: string, pathname: string): EventRow =>
  sampleEventRow({
    site_id: SITE_ID,
    session_id: session,
    visitor_id: `visitor-${session}`,
    country,
    ts,
    pathname,
  });

const SEEDED: EventRow[] = [
  // DE, two pageviews a minute apart: not a bounce, 60 s long.
  pageview('a', 'DE', '2026-11-12 10:00:00', '/'),
  pageview('a', 'DE', '2026-11-12 10:01:00', '/pricing'),
  pageview('b', 'US', '2026-11-13 09:00:00', '/'),
  pageview('c', 'DE', '2026-11-14 18:30:00', '/docs'),
  // The previous week.
  pageview('d', 'US', '2026-11-05 12:00:00', '/'),
];

before(async () => {
  panel = await startPanelHarness('overview');
  await panel.insertEvents(SEEDED);
  // A page goal: visits that viewed /pricing, one of the week's three.
  await panel.post(`/sites/${SITE_ID}/goals`, { name: 'Saw pricing', kind: 'page', match: '/pricing' }, 201);
});

after(async () => {
  await panel?.stop();
});

/** The owner signed in to the panel at `url`, in a browser context of its own. */
const ownerPage = (options: { width: number; dark?: boolean }, path = `/sites/${SITE_ID}/overview?${WEEK}`) =>
  panel.ownerPage(path, options);

/** Each metric card's label, value and change, as the page shows them. */
async function metricCards(page: Page): Promise<string[]> {
  const cards = page.getByRole('list', { name: 'Metrics' }).getByRole('button');
  await cards.first().waitFor();
  return (await cards.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * Waits until the first metric card begins with `text`: while a new view loads, the previous one's numbers
 * stay on screen (dimmed), so the page is read only once the new answer is drawn.
 */
async function firstCard(page: Page, text: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Metrics' })
    .getByRole('button')
    .first()
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/ /g, '\\s*')}`) })
    .waitFor();
}

test('the arrows move the period by its length: the week before, back to the week; nothing after today', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  const steps = page.getByRole('group', { name: 'Move the period' });
  await steps.getByRole('button', { name: /^Earlier: / }).click();
  await page.waitForURL(/from=2026-11-03&to=2026-11-09/);
  await firstCard(page, 'Unique visitors 1 ');
  await steps.getByRole('button', { name: /^Later: / }).click();
  await page.waitForURL(/from=2026-11-10&to=2026-11-16/);
  await firstCard(page, 'Unique visitors 3 ');
  await page.goBack();
  await firstCard(page, 'Unique visitors 1 ');

  const latest = await ownerPage({ width: 1280 }, `/sites/${SITE_ID}/overview?period=7d`);
  const later = latest
    .getByRole('group', { name: 'Move the period' })
    .getByRole('button', { name: /^Later/ });
  assert.equal(await later.isDisabled(), true, 'the last 7 days end today: nothing after them yet');
  await latest.close();
  await page.close();
});

test('the overview shows the seeded numbers; a breakdown row filters the page, back restores it, the link reopens it', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  assert.deepEqual(await metricCards(page), [
    'Unique visitors 3 +200% against the previous period',
    'Visits 3 +200% against the previous period',
    'Pageviews 4 +300% against the previous period',
    'Views per visit 1.33 +33% against the previous period',
    'Bounce rate 66.7% −33% against the previous period',
    'Visit duration 20s — against the previous period',
    'Events 4 +300% against the previous period',
  ]);

  // The cards below the window ask nothing until they scroll into view; then they load.
  const goals = page.getByRole('region', { name: 'Goals' });
  assert.equal(await goals.locator('.query-state-waiting').count(), 1, 'the Goals card waits to be seen');
  assert.equal(await goals.getByRole('cell').count(), 0);
  await goals.scrollIntoViewIfNeeded();
  await goals.getByRole('cell', { name: 'Saw pricing' }).waitFor();
  assert.deepEqual(await goals.getByRole('row').allInnerTexts(), [
    'Goal\tConversions\tRate\tChange',
    'Saw pricing\t1\t33.3%\t—',
  ]);

  // A breakdown's search, and its CSV: the API's file for the card's report, whatever the search shows.
  const pages = page.getByRole('region', { name: 'Pages' });
  await pages.getByLabel('Search top pages').fill('PRI');
  await pages.getByRole('row').nth(2).waitFor({ state: 'detached' });
  assert.deepEqual(
    (await pages.getByRole('row').allInnerTexts()).map((row) => row.replace(/\n/g, '')),
    ['Top pages\tVisitors\tChange', '/pricing\t1\t—'],
    'a row value is a block button: its line break is not the table’s',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    pages.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'page.csv');
  assert.equal(
    readFileSync(await download.path(), 'utf8'),
    '"value","visitors"\n"/",2\n"/docs",1\n"/pricing",1\n',
  );

  // A short window, the Goals card far below it once the countries are scrolled to.
  await page.setViewportSize({ width: 1280, height: 250 });
  const locations = page.getByRole('region', { name: 'Locations' });
  await locations.scrollIntoViewIfNeeded();
  await locations.getByRole('button', { name: 'Germany', exact: true }).click();
  await page.waitForURL(/filter=country%3ADE/);
  await page.getByRole('list', { name: 'Filters' }).getByText('Country is Germany').waitFor();
  await firstCard(page, 'Unique visitors 2 ');
  assert.deepEqual((await metricCards(page)).slice(0, 3), [
    'Unique visitors 2 — against the previous period',
    'Visits 2 — against the previous period',
    'Pageviews 3 — against the previous period',
  ]);
  // A card out of view keeps the unfiltered numbers, dimmed but not loading, and asks for the filtered ones
  // only once scrolled back in.
  const goalsTop = (await goals.boundingBox())?.y ?? 0;
  assert.ok(goalsTop > 250 + 150, `the Goals card is out of view (${goalsTop} px down the window)`);
  const goalsResult = goals.locator('.query-result');
  assert.equal(await goalsResult.getAttribute('class'), 'query-result is-refreshing');
  assert.equal(await goalsResult.getAttribute('aria-busy'), 'false');
  assert.deepEqual(await goals.getByRole('row').allInnerTexts(), [
    'Goal\tConversions\tRate\tChange',
    'Saw pricing\t1\t33.3%\t—',
  ]);
  await goals.scrollIntoViewIfNeeded();
  await goals.locator('.query-result:not(.is-refreshing)').waitFor();
  assert.deepEqual(await goals.getByRole('row').allInnerTexts(), [
    'Goal\tConversions\tRate\tChange',
    'Saw pricing\t1\t50.0%\t—',
  ]);
  await page.setViewportSize({ width: 1280, height: 900 });
  const filteredUrl = page.url();

  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('filter='));
  await firstCard(page, 'Unique visitors 3 ');
  assert.equal((await metricCards(page))[0], 'Unique visitors 3 +200% against the previous period');

  // The filtered view's link, opened in another browser and signed in there, is the same view.
  const shared = await ownerPage({ width: 1280 }, filteredUrl);
  assert.equal(shared.url(), filteredUrl);
  await firstCard(shared, 'Unique visitors 2 ');
  assert.equal((await metricCards(shared))[0], 'Unique visitors 2 — against the previous period');
  await shared.close();
  await page.close();
});

test('a segment: the filters saved under a name, applied again in one click, named in the filter bar; deleted', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  const addFilter = page.locator('.add-filter > summary');
  await addFilter.click();
  const segments = page.getByRole('region', { name: 'Segments' });
  await segments.getByText(/^None yet\./).waitFor();

  const locations = page.getByRole('region', { name: 'Locations' });
  await locations.scrollIntoViewIfNeeded();
  await locations.getByRole('button', { name: 'Germany', exact: true }).click();
  await page.waitForURL(/filter=country%3ADE/);
  await firstCard(page, 'Unique visitors 2 ');
  const form = segments.getByRole('form', { name: 'Save the filters as a segment' });
  await form.getByLabel('Segment name').fill('Germans');
  await form.getByRole('button', { name: 'Save the filters as a segment' }).click();
  const list = segments.getByRole('list', { name: "The site's segments" });
  await list.getByRole('button', { name: 'Germans', pressed: true }).waitFor();
  assert.deepEqual(await list.getByRole('listitem').allInnerTexts(), ['Germans\nCountry is Germany\nDelete']);
  assert.equal(await form.count(), 0, 'the filters are a segment already');
  const filterBar = page.getByRole('list', { name: 'Filters' });
  await filterBar.getByText('Segment: Germans').waitFor();

  // Cleared, then applied again from the list: the same view, its segment named.
  await filterBar.getByRole('button', { name: 'Clear all' }).click();
  await page.waitForURL((url) => !url.search.includes('filter='));
  await firstCard(page, 'Unique visitors 3 ');
  await list.getByRole('button', { name: 'Germans', exact: true }).click();
  await page.waitForURL(/filter=country%3ADE/);
  await firstCard(page, 'Unique visitors 2 ');
  await filterBar.getByText('Segment: Germans').waitFor();
  assert.equal(await segments.count(), 0, 'the panel closes once a segment is applied');

  await addFilter.click();
  await list.getByRole('button', { name: 'Delete the segment Germans' }).click();
  await segments.getByText(/^None yet\./).waitFor();
  // Read once every card has its filtered numbers: those out of view keep the old ones, dimmed, until seen.
  await everyCardDrawn(page);
  await panel.assertAccessible(page, 'the overview with Add filter and its segments open');
  await page.close();
});

test("a card's details: a visit dimension's visits and how they went, an event dimension's views", async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  const rowsOf = async (card: Locator, first: string, last: string) => {
    await card.getByRole('button', { name: 'Details' }).click();
    const table = card.getByRole('region', { name: `${first}, scrollable` }).getByRole('table');
    await table.getByRole('columnheader', { name: last }).waitFor();
    return (await table.getByRole('row').allInnerTexts()).map((row) => row.replace(/\n/g, ''));
  };
  // Every visit of no known device: as the metric cards, three visits, four pageviews, two bounces, 60 s over three.
  const devices = page.getByRole('region', { name: 'Devices' });
  await devices.scrollIntoViewIfNeeded();
  assert.deepEqual(await rowsOf(devices, 'Devices', 'Visit duration'), [
    'Devices\tVisitors\tChange\tVisits\tPageviews\tBounce rate\tVisit duration',
    '(not set)\t3\t+200%\t3\t4\t66.7%\t20s',
  ]);
  const pages = page.getByRole('region', { name: 'Pages' });
  await pages.scrollIntoViewIfNeeded();
  // Their time on page and scroll depth once asked: none of the seeded visits reported reading a page.
  assert.deepEqual(await rowsOf(pages, 'Top pages', 'Scroll depth'), [
    'Top pages\tVisitors\tChange\tVisits\tPageviews\tTime on page\tScroll depth',
    '/\t2\t+100%\t2\t2\t—\t—',
    '/docs\t1\t—\t1\t1\t—\t—',
    '/pricing\t1\t—\t1\t1\t—\t—',
  ]);
  await page.close();
});

test('the Locations map shades each country by its visitors; a country chosen from the keyboard filters the page', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  const locations = page.getByRole('region', { name: 'Locations' });
  await locations.scrollIntoViewIfNeeded();
  await locations.getByRole('button', { name: 'Map', exact: true }).click();
  const map = locations.getByRole('group', { name: 'Visitors by country, on a world map' });
  const countries = map.getByRole('button');
  await countries.first().waitFor();
  // Germany's 2 visitors the darkest shade; the United States' 1, half of them, 6 of 8 on a square-root scale.
  assert.deepEqual(
    await countries.evaluateAll((shapes) =>
      shapes.map((shape) => `${shape.getAttribute('aria-label')} ${shape.getAttribute('class')}`).sort(),
    ),
    [
      'Germany: 2 visitors; filter by it map-country map-shade-8',
      'United States: 1 visitor; filter by it map-country map-shade-6',
    ],
  );
  assert.ok((await map.locator('path').count()) > 170, 'every other country is drawn, unshaded');
  assert.equal(
    (await locations.locator('.map-legend').innerText()).replace(/\s+/g, ' '),
    '1 visitor 2 visitors',
  );
  await map.getByRole('button', { name: /^Germany/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/filter=country%3ADE/);
  await firstCard(page, 'Unique visitors 2 ');
  await page.close();
});

test('a filter from the Add filter form: any dimension with the operators it takes, values suggested from the period', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  await page.getByText('Add filter', { exact: true }).click();
  const form = page.getByRole('group', { name: 'New filter' });
  await form.getByLabel('Field').selectOption('page');
  assert.deepEqual(await form.getByLabel('Match').locator('option').allInnerTexts(), [
    'is',
    'is not',
    'contains',
    'does not contain',
    'matches pattern',
  ]);
  await form.getByLabel('Field').selectOption('country');
  assert.deepEqual(await form.getByLabel('Match').locator('option').allInnerTexts(), ['is', 'is not']);
  // The week's countries, most visitors first, offered as the value is typed.
  const suggested = form.locator('datalist option');
  await form.locator('datalist option[value="US"]').waitFor({ state: 'attached' });
  assert.deepEqual(
    await suggested.evaluateAll((options) => options.map((option) => option.getAttribute('value'))),
    ['DE', 'US'],
  );
  await form.getByLabel('Match').selectOption('is_not');
  await form.getByRole('combobox', { name: 'Value' }).fill('DE');
  await form.getByRole('button', { name: 'Apply filter' }).click();
  await page.waitForURL(/filter=country%3Ais_not%3ADE/);
  await page.getByRole('list', { name: 'Filters' }).getByText('Country is not Germany').waitFor();
  await firstCard(page, 'Unique visitors 1 ');
  assert.equal(await form.count(), 0, 'the form closes once its filter is applied');
  assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Add filter', 'focus stays put');
  await page.close();
});

test('the period offers the presets a site owner reaches for, and the comparison last year’s same days; each in the link', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  const period = page.getByRole('combobox', { name: 'Period' });
  assert.deepEqual(await period.locator('option').allInnerTexts(), [
    'Today',
    'Yesterday',
    'Last 7 days',
    'Last 30 days',
    'This month',
    'Last month',
    'This year',
    'Last 12 months',
    'Custom dates',
  ]);
  await period.selectOption('last_month');
  await page.waitForURL(/period=last_month/);
  assert.equal(await page.getByLabel('From').count(), 0, 'a preset shows no dates to pick');
  await page.goBack();
  await firstCard(page, 'Unique visitors 3 ');

  // Compared with the same days a year before: the week of November 2025, without visits.
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption('year');
  await page.waitForURL(/compare=year/);
  await firstCard(page, 'Unique visitors 3 —');
  assert.equal((await metricCards(page))[0], 'Unique visitors 3 — against the same days last year');
  await page.locator('.time-chart .u-legend').getByText('Same days last year').waitFor();
  await page.close();
});

test('keyboard shortcuts: a letter picks the period, the arrows step it, X the comparison; none while typing; ? lists them', async () => {
  const page = await ownerPage({ width: 1280 });
  await firstCard(page, 'Unique visitors 3 ');
  // The week before the one shown: its dates in the link, as the ‹ arrow takes them.
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/from=2026-11-03&to=2026-11-09/);
  await page.keyboard.press('t');
  await page.waitForURL(/period=30d/);
  assert.equal(await page.getByRole('combobox', { name: 'Period' }).inputValue(), '30d');
  await page.keyboard.press('x');
  await page.waitForURL(/compare=none/);
  await page.keyboard.press('X');
  await page.waitForURL((url) => !url.searchParams.has('compare'));

  // Typed into a field, a letter is a letter.
  await page.getByText('Add filter', { exact: true }).click();
  const value = page.getByRole('group', { name: 'New filter' }).getByRole('combobox', { name: 'Value' });
  await value.fill('');
  await value.pressSequentially('we');
  assert.equal(await value.inputValue(), 'we');
  assert.match(page.url(), /period=30d/);
  await value.blur();

  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await list.waitFor();
  assert.match(await list.innerText(), /W\s+Last 7 days/);
  await panel.assertAccessible(page, 'the keyboard shortcuts');
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });

  // Turned off in the list (kept in this browser), a letter does nothing: the arrow clicked next steps from the
  // 30 days still shown, not from a week.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await list.getByRole('checkbox', { name: 'Single-key shortcuts on' }).uncheck();
  await list.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('w');
  const thirtyDays = page.url();
  await page.getByRole('button', { name: /^Earlier: / }).click();
  await page.waitForURL((url) => url.href !== thirtyDays);
  assert.match(page.url(), /period=custom/);
  const days = (url: URL) =>
    (Date.parse(url.searchParams.get('to') ?? '') - Date.parse(url.searchParams.get('from') ?? '')) /
      86_400_000 +
    1;
  assert.equal(days(new URL(page.url())), 30);
  await page.close();
});

test('a German browser reads the overview in German: numbers, percentages, durations and dates', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/overview?${WEEK}`, { locale: 'de-DE' });
  await firstCard(page, 'Unique visitors 3 ');
  assert.deepEqual(await metricCards(page), [
    'Unique visitors 3 +200 % against the previous period',
    'Visits 3 +200 % against the previous period',
    'Pageviews 4 +300 % against the previous period',
    'Views per visit 1,33 +33 % against the previous period',
    'Bounce rate 66,7 % −33 % against the previous period',
    'Visit duration 20 Sek. — against the previous period',
    'Events 4 +300 % against the previous period',
  ]);
  await page
    .getByRole('img', { name: 'Unique visitors by days, 10.–16.11.2026, with the previous period' })
    .waitFor();
  // The chart's legend names the day pointed at (the third of seven) and the previous period's, in German.
  const plot = await page.locator('.time-chart .u-over').boundingBox();
  assert.ok(plot);
  await page.mouse.move(plot.x + (plot.width * 2) / 6, plot.y + plot.height / 2);
  assert.deepEqual(await page.locator('.time-chart .u-legend .u-value').allTextContents(), [
    'Do., 12. Nov. 2026',
    '1',
    '1 (Do., 5. Nov. 2026)',
  ]);
  await page.close();
});

test('a range up to today: the line runs dashed into today and the legend names today by the range’s own row', async () => {
  const page = await ownerPage({ width: 1280 }, `/sites/${SITE_ID}/overview?period=7d`);
  await page.locator('.time-chart canvas').waitFor();
  // The dashed stretch is a series of its own, kept out of the legend.
  assert.equal(await page.locator('.time-chart .u-legend .in-progress').count(), 1);
  assert.equal(await page.locator('.time-chart .u-legend .in-progress').isVisible(), false);
  // Nothing pointed at: the legend names the lines, with no values (nor dashes) beside them.
  assert.equal(await page.locator('.time-chart .u-legend .u-value:visible').count(), 0);
  // Today, the last of seven days, pointed at: its count (none seeded) in the range's row, not "—".
  const plot = await page.locator('.time-chart .u-over').boundingBox();
  assert.ok(plot);
  await page.mouse.move(plot.x + plot.width - 2, plot.y + plot.height / 2);
  const values = await page.locator('.time-chart .u-legend .u-series:visible .u-value').allTextContents();
  assert.equal(values[1], '0', `the legend: ${values.join(' | ')}`);
  await page.close();
});

test('an annotation added under the chart flags its day there and in the legend; changed, then deleted', async () => {
  const page = await ownerPage({ width: 1280 });
  await page.locator('.time-chart canvas').waitFor();
  await page.getByRole('button', { name: '+ Add annotation' }).click();
  const form = page.getByRole('form', { name: 'Add an annotation' });
  // The period's days, its last one first offered: the list under the chart shows those.
  const day = form.getByLabel('Day');
  assert.deepEqual(
    [await day.inputValue(), await day.getAttribute('min'), await day.getAttribute('max')],
    ['2026-11-16', '2026-11-10', '2026-11-16'],
  );
  await day.fill('2026-11-12');
  await form.getByLabel('Note').fill('Launched the pricing page');
  await form.getByRole('button', { name: 'Add' }).click();
  const list = page.getByRole('list', { name: 'Annotations' });
  await list.getByText('Launched the pricing page').waitFor();
  assert.equal(
    (await list.getByRole('listitem').innerText()).replace(/\s+/g, ' ').trim(),
    'Nov 12, 2026 Launched the pricing page Edit Delete',
  );

  // Nov 12 is the third of the week's seven days: its flag is drawn at the top of the plot, in the note colour.
  const plot = await page.locator('.time-chart .u-over').boundingBox();
  assert.ok(plot);
  // A string, as the tests' own types have no DOM: the colours 4.5 px below the plot's top, beside Nov 12's
  // line and halfway to the next day's.
  const flag = (await page.evaluate(`(() => {
    const canvas = document.querySelector('.time-chart canvas');
    const over = document.querySelector('.time-chart .u-over').getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const pixel = (x) => [...canvas.getContext('2d').getImageData(x * ratio, (over.top - box.top + 4.5) * ratio, 1, 1).data];
    const third = over.left - box.left + (over.width * 2) / 6;
    return { on: pixel(third + 2), between: pixel(third + over.width / 12) };
  })()`)) as { on: number[]; between: number[] };
  assert.deepEqual(flag.on.slice(0, 3), [0xb5, 0x47, 0x08], 'the flag, in --note');
  assert.notDeepEqual(flag.between.slice(0, 3), [0xb5, 0x47, 0x08], 'no flag between days');
  // Pointed at, the day's legend row carries its note.
  await page.mouse.move(plot.x + (plot.width * 2) / 6, plot.y + plot.height / 2);
  const date = page.locator('.time-chart .u-legend .u-series').first().locator('.u-value');
  assert.equal(await date.textContent(), 'Thu, Nov 12, 2026 — Launched the pricing page');

  await page
    .getByRole('button', { name: 'Edit the annotation of Nov 12, 2026, Launched the pricing page' })
    .click();
  const change = page.getByRole('form', { name: 'Change the annotation' });
  await change.getByLabel('Note').fill('Pricing page launched');
  await change.getByRole('button', { name: 'Save' }).click();
  await list.getByText('Pricing page launched').waitFor();
  assert.equal(await list.getByRole('listitem').count(), 1);

  await page
    .getByRole('button', { name: 'Delete the annotation of Nov 12, 2026, Pricing page launched' })
    .click();
  await page
    .getByRole('button', { name: 'Confirm: delete the annotation of Nov 12, 2026, Pricing page launched' })
    .click();
  await list.waitFor({ state: 'detached' });
  await page.close();
});

test('the overview at phone and desktop width, light and dark: within the screen, no serious accessibility violation', async () => {
  for (const width of [390, 1280]) {
    for (const dark of [false, true]) {
      const page = await ownerPage({ width, dark });
      await metricCards(page);
      await page.locator('.time-chart canvas').waitFor();
      await everyCardDrawn(page);
      await page.evaluate('window.scrollTo(0, 0)');
      await panel.assertAccessible(page, `the overview at ${width} px, ${dark ? 'dark' : 'light'}`);
      await panel.assertFits(page);
      await page.close();
    }
  }
});

test('on a phone the first numbers are on the first screen: the toolbar in two rows, the report tabs in one that scrolls', async () => {
  const page = await ownerPage({ width: 390, dark: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await metricCards(page);
  const box = async (locator: Locator) => {
    const { x, y, width, height } = (await locator.boundingBox())!;
    return { x, top: Math.round(y), bottom: Math.round(y + height), width, height };
  };
  // Custom dates take a row of their own under the period; the first card still starts in the screen's top half.
  const firstCard = page.getByRole('list', { name: 'Metrics' }).getByRole('button').first();
  const { top } = await box(firstCard);
  assert.ok(top <= 380, `the first card's top at ${top} px`);

  // The site and the period share the first row, the comparison and Add filter the next; each keeps its label.
  const site = page.getByRole('combobox', { name: 'Site' });
  const period = page.getByRole('combobox', { name: 'Period' });
  const compare = page.getByRole('combobox', { name: 'Compare with' });
  const addFilter = page.locator('.add-filter > summary');
  assert.equal((await box(site)).bottom, (await box(period)).bottom, 'the site and the period on one row');
  assert.equal((await box(compare)).bottom, (await box(addFilter)).bottom, 'the comparison and Add filter');
  assert.ok((await box(compare)).top > (await box(period)).bottom, 'the comparison under the period');
  const steps = await page.getByRole('group', { name: 'Move the period' }).getByRole('button').all();
  for (const target of [site, period, compare, addFilter, ...steps]) {
    const { width, height } = await box(target);
    assert.ok(width >= 24 && height >= 24, `a touch target of ${width} × ${height} px`);
  }

  // A preset period, without the dates' row: the section of the numbers starts within the top 300 px.
  await period.selectOption('last_month');
  await page.waitForURL(/period=last_month/);
  await page.getByLabel('From').waitFor({ state: 'detached' });
  const numbers = page.getByRole('region', { name: 'Overview', exact: true });
  assert.ok((await box(numbers)).top <= 300, `the numbers' top at ${(await box(numbers)).top} px`);

  // Every report tab on one row, which scrolls sideways inside the screen: the page itself does not.
  const nav = page.getByRole('navigation', { name: 'Reports' });
  const tabTops = await nav
    .getByRole('link')
    .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
  assert.equal(new Set(tabTops).size, 1, 'the report tabs in one row');
  assert.ok(await nav.evaluate((row) => row.scrollWidth > row.clientWidth), 'the row scrolls sideways');
  assert.ok(
    Number(await page.evaluate('document.documentElement.scrollWidth')) <= 390,
    'nothing wider than the screen',
  );
  // Read once the new period's answers are drawn, not while the previous ones are dimmed (the cards below the
  // screen wait to be scrolled to).
  await everyCardDrawn(page);
  await page.evaluate('window.scrollTo(0, 0)');
  await panel.assertAccessible(page, 'the overview on a phone');
  await page.close();
});

test('the theme switch overrides the system, redraws the chart in its colours and is remembered', async () => {
  const page = await ownerPage({ width: 1280 });
  await metricCards(page);
  const background = () => page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'light');
  const light = await background();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'dark');
  assert.notEqual(await background(), light);
  await page.reload();
  await metricCards(page);
  assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'dark', 'remembered');
  await page.close();
});
