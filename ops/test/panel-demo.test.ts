import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { dataPaths } from '../src/stack/settings';
import { readSites } from '../src/stack/sites-file';
import { everyCardDrawn, hostPage, nothingLoading, wordsBrokenMidWord } from './browser';
import { CHROME, SCREENSHOT_SIZES, startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * A demo site added from the Sites page in Chromium over the real stack (ClickHouse 18.16, backend, edge):
 * its progress, then its reports with two months of generated traffic. The report pages' screenshots in
 * docs/screenshots/ are taken here, over the last 30 days (the other panel tests read small seeds with known
 * answers, which make poor pictures), and its dashboard's and flag's results; but the heatmap's, which shows a page the test
 * serves framed beneath its clicks (panel-behaviour.test.ts), and realtime's, which shows events sent
 * meanwhile (panel-quality).
 */
let panel: PanelHarness;
let siteId: number;

before(async () => {
  panel = await startPanelHarness('demo');
});
after(() => panel?.stop());

const MONTH = 'period=30d';

/** The site `npm start` made on its first start, which nothing has sent to. */
const FIRST_SITE = 1;

test("a newcomer's empty overview leads to the demo site, whose progress is followed to its reports", async () => {
  // The first start's site, with nothing sent yet: the overview waits for its first visit, with its snippet.
  const page = await panel.ownerPage('/');
  const waiting = page.getByRole('region', { name: /^Waiting for the first visit to / });
  await waiting.waitFor();
  const first = readSites(dataPaths(panel.settings).sitesFile).find(({ id }) => id === FIRST_SITE);
  assert.ok(first, 'the first site is in the sites file');
  assert.ok(
    (await waiting.getByRole('region', { name: 'Snippet' }).innerText()).includes(`'site', '${first.key}'`),
    "the site's own snippet, its key in it",
  );
  await waiting.getByRole('link', { name: 'demo site' }).click();
  await page.waitForURL(/\/sites$/);
  const card = page.getByRole('region', { name: 'Demo site' });
  await card.getByRole('button', { name: 'Add demo site' }).click();
  const progress = card.getByRole('status');
  await progress.getByText(/^Writing 60 days of visits|events written/).waitFor();
  await progress
    .getByText(/^The demo site is ready: [\d,]+ events over 60 days\./)
    .waitFor({ timeout: 180_000 });
  await page.getByRole('article', { name: 'Site demo-shop.example' }).getByText('Demo shop').waitFor();
  // Once it exists, the card leads to it rather than to another.
  const again = await panel.ownerPage('/sites');
  const existing = again.getByRole('region', { name: 'Demo site' });
  await existing.getByText('Demo shop is below').waitFor();
  assert.equal(await existing.getByRole('button', { name: 'Add demo site' }).count(), 0);
  await again.close();
  await progress.getByRole('link', { name: 'See its reports' }).click();
  siteId = Number(/\/sites\/(\d+)\/overview/.exec(page.url())?.[1]);
  assert.ok(siteId > 1, page.url());
  const visitors = page.getByRole('list', { name: 'Metrics' }).getByRole('button').first();
  await visitors.filter({ hasText: /Unique visitors\s*[\d,]{4,}/ }).waitFor();
  await page.close();
});

test('a site waiting for its first visit: its overview and the Sites page see it come, without a reload', async () => {
  const waitingFor = (page: Page) => page.getByRole('region', { name: /^Waiting for the first visit to / });
  for (const { width, dark } of SCREENSHOT_SIZES) {
    const shot = await panel.ownerPage(`/sites/${FIRST_SITE}/overview`, { width, dark });
    await waitingFor(shot).locator('.snippet').waitFor();
    await panel.assertAccessible(shot, `the waiting overview at ${width} px`);
    await panel.screenshot(shot, 'waiting');
    await shot.close();
  }
  const overview = await panel.ownerPage(`/sites/${FIRST_SITE}/overview`);
  await waitingFor(overview).waitFor();
  // A headless browser's visit is a bot's: the card says what the edge did with it (the site flags bots), and
  // still waits.
  await panel.sendPageview(FIRST_SITE, '/from-a-script', CHROME.replace('Chrome/', 'HeadlessChrome/'));
  const bots = waitingFor(overview).getByRole('table', { name: 'From bots' });
  await bots.getByRole('row', { name: /^Automated browsers \(kept, flagged\) 1$/ }).waitFor();
  const sites = await panel.ownerPage('/sites');
  const activity = sites.locator('.site-activity').first();
  await activity.getByText(/^No events yet: paste the snippet on every page of /).waitFor();

  await panel.sendPageview(FIRST_SITE, '/hello');
  // Each page asks again on its own every few seconds: the visit shows within them once the pipeline ships it.
  const visitors = overview.getByRole('list', { name: 'Metrics' }).getByRole('button').first();
  await visitors.filter({ hasText: /^Unique visitors\s*1\b/ }).waitFor();
  assert.equal(await waitingFor(overview).count(), 0);
  await activity.getByText(/^Receiving events: the last came /).waitFor();
  // Receiving, its card sums up its visitors, and its snippet, pasted, folds away.
  const first = readSites(dataPaths(panel.settings).sitesFile).find(({ id }) => id === FIRST_SITE);
  const card = sites.getByRole('article', { name: `Site ${first?.domain}` });
  await card.getByRole('link', { name: /^1 visitor, last 7 days/ }).waitFor();
  assert.equal(await card.getByLabel('Snippet', { exact: true }).isVisible(), false);
  await Promise.all([overview.close(), sites.close()]);
});

test("the Sites page: a live site's visitors over the overview's days, against the days before, by hour", async () => {
  // A card asks for its figures once scrolled to (as the overview's lower cards do), and keeps them.
  const trafficOf = async (page: Page) => {
    const demo = page.getByRole('article', { name: 'Site demo-shop.example' });
    await demo.scrollIntoViewIfNeeded();
    return demo.getByRole('link', { name: /^[\d,]+ visitors, last 7 days/ });
  };
  for (const { width, dark } of SCREENSHOT_SIZES) {
    const page = await panel.ownerPage('/sites', { width, dark });
    const traffic = await trafficOf(page);
    await traffic
      .locator('.site-traffic-figure')
      .filter({ hasText: /^[\d,]+ visitors, last 7 days\s+([+−]?\d+%|—) against the days before$/ })
      .waitFor();
    await traffic.getByRole('img', { name: 'Visitors by hour, last 7 days' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await panel.assertAccessible(page, `the Sites page with live sites at ${width} px`);
    await panel.screenshot(page, 'sites');
    await page.close();
  }
  // The line: the week's hours up to the one under way, over the card's width.
  const page = await panel.ownerPage('/sites');
  const traffic = await trafficOf(page);
  const line = traffic.locator('.sparkline-line');
  await line.waitFor();
  const points = (await line.getAttribute('d'))?.split('L') ?? [];
  assert.ok(points.length > 6 * 24 && points.length <= 7 * 24, `${points.length} hours drawn`);
  // The figure is the overview's for the same days (its cached answer, until the demo's next visitors).
  const figure = Number((await traffic.locator('.site-traffic-figure strong').innerText()).replace(/,/g, ''));
  assert.ok(figure > 1000, `${figure} visitors`);
  await traffic.click();
  await page.waitForURL(new RegExp(`/sites/${siteId}/overview$`));
  const card = page.getByRole('list', { name: 'Metrics' }).getByRole('button').first();
  const shown = Number(/Unique visitors\s*([\d,]+)/.exec(await card.innerText())?.[1].replace(/,/g, ''));
  assert.ok(Math.abs(shown - figure) <= figure * 0.01, `the overview's ${shown}, the card's ${figure}`);
  await page.close();
});

/** Every report page over the demo's month, as its screenshot shows it. */
const PAGES: Array<{ name: string; path: string; ready(page: Page): Promise<void> }> = [
  {
    name: 'overview',
    path: `overview?${MONTH}`,
    async ready(page) {
      await everyCardDrawn(page);
      // The locations on their map, as a newcomer would open them once.
      const locations = page.getByRole('region', { name: 'Locations' });
      await locations.getByRole('button', { name: 'Map', exact: true }).click();
      await locations.locator('.country-map path[role="button"]').first().waitFor();
      await nothingLoading(page);
    },
  },
  {
    name: 'goals',
    path: `goals?${MONTH}`,
    async ready(page) {
      await page.getByRole('button', { name: /^Purchased/ }).click();
      await page.locator('.time-chart canvas').first().waitFor();
    },
  },
  {
    name: 'funnels',
    path: `funnels?${MONTH}&step=page:/&step=page:/pricing&step=event:add_to_cart&by=country&who=reached-3`,
    async ready(page) {
      await nothingLoading(page);
      // Who added to cart, each a link to their events: a screenful of them, the rest a click away.
      const people = page.getByRole('region', { name: 'Who reached step 3: Event add_to_cart' });
      await people
        .getByRole('link', { name: /^Their events/ })
        .first()
        .waitFor();
      const note = await people.getByText(/^(All|The \d+ latest to enter of) [\d,]+/).innerText();
      const listed = Math.min(100, Number(/([\d,]+)(, the latest|\.)/.exec(note)?.[1].replace(/,/g, '')));
      assert.equal(await people.locator('tbody tr').count(), Math.min(20, listed), note);
      assert.equal(
        await people.getByRole('button', { name: `Show ${listed - 20} more` }).count(),
        listed > 20 ? 1 : 0,
      );
      // On a phone too, a country's name breaks between its words, never inside one: the table scrolls.
      const countries = page
        .getByRole('region', { name: 'Conversion by country, scrollable' })
        .locator('tbody td:first-child');
      await countries.nth(4).waitFor();
      assert.deepEqual(await wordsBrokenMidWord(countries), []);
    },
  },
  { name: 'retention', path: `retention?${MONTH}&cohort=week`, ready: nothingLoading },
  { name: 'paths', path: `paths?${MONTH}&page=%2Fpricing`, ready: nothingLoading },
  {
    name: 'actions',
    path: `actions?${MONTH}`,
    async ready(page) {
      await nothingLoading(page);
      if (page.viewportSize()!.width >= 480) return;
      // On a phone an action's name takes the table's width, its counts line up under their headers.
      const table = page.locator('table.actions-table');
      const tableWidth = (await table.boundingBox())!.width;
      const nameWidth = (await table.locator('tbody .row-filter').first().boundingBox())!.width;
      assert.ok(nameWidth > 0.8 * tableWidth, `a name takes ${nameWidth} of ${tableWidth} px`);
      const rights = await table
        .locator('.actions-visitors')
        .evaluateAll((cells) =>
          cells.slice(0, 6).map((cell) => Math.round(cell.getBoundingClientRect().right)),
        );
      assert.equal(new Set(rights).size, 1, `the visitors' right edges: ${rights.join(', ')}`);
    },
  },
  { name: 'errors', path: `errors?${MONTH}`, ready: nothingLoading },
  {
    name: 'errors-detail',
    path: `errors?${MONTH}`,
    async ready(page) {
      await page.locator('button.errors-open').first().click();
      await page.locator('.time-chart canvas').waitFor();
      await nothingLoading(page);
    },
  },
  {
    name: 'vitals',
    path: `vitals?${MONTH}`,
    async ready(page) {
      await nothingLoading(page);
      // Every vital in sight, even on a phone, and each page's name with the table's width there (a line
      // of its own above its figures), not a quarter of it.
      const table = page.getByRole('region', { name: 'Web vitals table, scrollable' });
      assert.ok(await table.evaluate((box) => box.scrollWidth <= box.clientWidth), 'no sideways scrolling');
      const share = await table.evaluate(
        (box) => box.querySelector('tbody th')!.getBoundingClientRect().width / box.clientWidth,
      );
      const phone = page.viewportSize()!.width < 480;
      assert.ok(phone ? share > 0.9 : share < 0.6, `a page's name takes ${share.toFixed(2)} of the table`);
    },
  },
  { name: 'events', path: `events?${MONTH}`, ready: nothingLoading },
  {
    name: 'dashboard',
    path: 'dashboards',
    async ready(page) {
      await page.getByRole('region', { name: 'Country' }).getByRole('cell').first().waitFor();
      // The demo's funnel drawn in its widget: its three steps, each with its visitors.
      const steps = page.getByRole('region', { name: 'Funnel' }).getByRole('list', { name: 'Steps' });
      await steps.getByText('Event add_to_cart').waitFor();
      assert.equal(await steps.getByRole('listitem').count(), 3);
      await nothingLoading(page);
    },
  },
];

/** The overview in both schemes at both widths, as frontend/README.md links it; the other pages as SCREENSHOT_SIZES. */
const OVERVIEW_SIZES = [...SCREENSHOT_SIZES, { width: 390, dark: false }, { width: 1280, dark: true }];

test("every report page over the demo's month: no serious accessibility violation, screenshots", async () => {
  for (const { name, path, ready } of PAGES) {
    for (const { width, dark } of name === 'overview' ? OVERVIEW_SIZES : SCREENSHOT_SIZES) {
      const page = await panel.ownerPage(`/sites/${siteId}/${path}`, { width, dark });
      // Signed in, the page's lazily loaded code and its first requests answered; then what `ready` waits for.
      await page.locator('main .query-result').first().waitFor();
      await page.waitForLoadState('networkidle');
      await ready(page);
      await page.evaluate('window.scrollTo(0, 0)');
      await panel.assertAccessible(page, `the ${name} page at ${width} px, ${dark ? 'dark' : 'light'}`);
      await panel.screenshot(page, name);
      await page.close();
    }
  }
});

test("a signed-in customer's profile: from the funnel's visitors to their visits and events, screenshots", async () => {
  for (const { width, dark } of SCREENSHOT_SIZES) {
    const page = await panel.ownerPage(
      `/sites/${siteId}/funnels?${MONTH}&step=page:/&step=page:/pricing&who=reached-2`,
      { width, dark },
    );
    const people = page.getByRole('region', { name: 'Who reached step 2: Pageview of /pricing' });
    await people.getByRole('button', { name: /^Show \d+ more$/ }).click();
    // The demo's signed-in customers are named by the site's own user id: theirs are on every device.
    await people
      .getByRole('link', { name: /^Their events \(user-/ })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname.endsWith('/events') && url.searchParams.has('user'));
    const user = new URL(page.url()).searchParams.get('user');
    const profile = page.getByRole('region', { name: `User ${user}` });
    await profile.getByRole('heading', { name: /^(\d+ visits?|The newest \d+ of [\d,]+ visits)$/ }).waitFor();
    assert.match(
      (await profile.getByLabel('Figures').innerText()).replace(/\s+/g, ' '),
      /^First seen .+ Last seen .+ Visits [1-9][\d,]* Pageviews [1-9][\d,]* Events [1-9][\d,]*$/,
    );
    await page
      .getByRole('region', { name: 'Events' })
      .getByText(/^[\d,]+ events? shown$/)
      .waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await panel.assertAccessible(page, `a customer's profile at ${width} px`);
    await panel.screenshot(page, 'visitor');
    await page.close();
  }
});

test("the demo's checkout experiment: its flag's results over the month, one-step ahead, screenshots", async () => {
  const goals = (await (
    await fetch(`${panel.stack.adminUrl}/api/sites/${siteId}/goals`, {
      headers: { authorization: `Bearer ${panel.token}` },
    })
  ).json()) as Array<{ id: number; name: string }>;
  const purchased = goals.find(({ name }) => name === 'Purchased');
  assert.ok(purchased, 'the demo tracks purchases');
  for (const { width, dark } of SCREENSHOT_SIZES) {
    // By default: the first goal (the demo's purchases) over the last 30 days.
    const page = await panel.ownerPage(`/sites/${siteId}/flags?flag=new-checkout`, { width, dark });
    const results = page.getByRole('region', { name: 'Results of new-checkout' });
    // The cart page's readers, split in half; the one-step checkout's buy more (CHECKOUT_EXPERIMENT).
    await results.getByRole('table').waitFor();
    assert.equal(await results.getByLabel('Judged by the goal').inputValue(), String(purchased.id));
    assert.equal(await results.getByLabel('Days').inputValue(), '30d');
    assert.deepEqual(
      (await results.locator('tbody td:first-child').allInnerTexts()).map((text) => text.trim()),
      ['control', 'one-step'],
    );
    assert.match(
      await results.getByRole('status').innerText(),
      /^one-step leads control\. Chance it converts better: (> 99\.9|\d{2})%\.$/,
    );
    await results
      .getByRole('figure', { name: 'Conversion rate, and where it lies with 95% belief' })
      .waitFor();
    await panel.assertAccessible(page, `the demo's flag results at ${width} px`);
    await panel.screenshot(page, 'flags');
    await page.close();
  }
});

test("the demo's dashboard shared: its public page, signed out, with the month's numbers", async () => {
  const [dashboard] = (await (
    await fetch(`${panel.stack.adminUrl}/api/sites/${siteId}/dashboards`, {
      headers: { authorization: `Bearer ${panel.token}` },
    })
  ).json()) as Array<{ id: number; name: string }>;
  const { token } = await panel.post<{ token: string }>(
    `/sites/${siteId}/shared-links`,
    { dashboardId: dashboard.id },
    201,
  );
  for (const { width, dark } of SCREENSHOT_SIZES) {
    const visitor = await panel.visitorPage(`/shared/${token}`, { width, dark });
    await visitor.getByRole('heading', { name: dashboard.name }).waitFor();
    await visitor.getByRole('region', { name: 'Funnel' }).getByText('Event add_to_cart').waitFor();
    await nothingLoading(visitor);
    // The signed-out page's numbers are the owner's: its first metric card a count of the month's visitors.
    assert.match(
      await visitor
        .getByRole('region', { name: 'Metric cards' })
        .getByRole('list', { name: 'Metrics' })
        .getByRole('listitem')
        .first()
        .innerText(),
      /^Unique visitors\s+[\d,]{5,}/,
    );
    await panel.assertAccessible(visitor, `the demo's shared dashboard at ${width} px`);
    await panel.screenshot(visitor, 'shared');
    await visitor.close();
  }
  // Embedded in another site's page, framed as the link's embed code frames it: the same widgets, drawn there, in a
  // browser that denies the framed page storage (this one does for another site's frame, as Safari's does).
  const host = await hostPage(
    panel.browser,
    `<title>Our stats</title><iframe src="${panel.stack.adminUrl}/shared/${token}?embed=true"></iframe>`,
  );
  try {
    const framed = host.page.frameLocator('iframe');
    await framed.getByRole('heading', { name: dashboard.name }).waitFor();
    await framed
      .getByRole('region', { name: 'Country' })
      .getByRole('cell', { name: 'United States' })
      .waitFor();
    assert.equal(await framed.getByText('Read-only shared view').count(), 0, 'embedded: no header');
  } finally {
    await host.close();
  }
});

test("the top pages' details: how each page was read, its time on page and scroll depth", async () => {
  const page = await panel.ownerPage(`/sites/${siteId}/overview?${MONTH}`, { width: 1280 });
  const pages = page.getByRole('region', { name: 'Pages', exact: true });
  await pages.scrollIntoViewIfNeeded();
  await pages.getByRole('button', { name: 'Details' }).click();
  const table = pages.getByRole('region', { name: 'Top pages, scrollable' }).getByRole('table');
  await table.getByRole('columnheader', { name: 'Time on page' }).waitFor();
  const [header, home] = (await table.getByRole('row').allInnerTexts()).map((row) => row.split(/\s*\t\s*/));
  assert.deepEqual(header, [
    'Top pages',
    'Visitors',
    'Change',
    'Visits',
    'Pageviews',
    'Time on page',
    'Scroll depth',
  ]);
  // The generated visits read each page for seconds to minutes, scrolled part of the way (event-generator.ts).
  assert.equal(home[0], '/');
  assert.match(home[5], /^(\d+m \d\ds|\d+s)$/, `time on page: ${home[5]}`);
  assert.match(home[6], /^\d{1,2}%$/, `scroll depth: ${home[6]}`);
  // Entry pages are where visits began: their details are the visits', not a page's reading.
  await pages.getByRole('button', { name: 'Entry pages' }).click();
  const entries = pages.getByRole('region', { name: 'Entry pages, scrollable' }).getByRole('table');
  await entries.getByRole('columnheader', { name: 'Pageviews' }).waitFor();
  assert.equal(await entries.getByRole('columnheader', { name: 'Time on page' }).count(), 0);

  // Filtered by a page, the metric cards read that page as Plausible's do: its reading for the visits' whole.
  await pages.getByRole('button', { name: 'Top pages' }).click();
  await table.getByRole('button', { name: '/pricing', exact: true }).click();
  await page.waitForURL(/filter=page%3A%2Fpricing/);
  const cards = page.getByRole('list', { name: 'Metrics' }).getByRole('listitem');
  await cards.filter({ hasText: /^Time on page\s*(\d+m \d\ds|\d+s)\s*[+−]?\d+%/ }).waitFor();
  await cards.filter({ hasText: /^Scroll depth\s*\d{1,2}%\s*[+−]?\d+%/ }).waitFor();
  assert.deepEqual(
    (await cards.allInnerTexts()).map((text) => text.split('\n')[0]),
    ['Unique visitors', 'Visits', 'Pageviews', 'Bounce rate', 'Events', 'Time on page', 'Scroll depth'],
  );
  await everyCardDrawn(page);
  await panel.assertAccessible(page, 'the overview filtered by a page, with its reading');
  await page.close();
});
