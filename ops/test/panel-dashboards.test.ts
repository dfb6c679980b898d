import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { sampleEventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { hostPage } from './browser';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * Dashboards and shared links in Chromium over the real stack: a dashboard built from the overview through
 * the UI, reordered, reloaded; its public link opened signed out (exact numbers, no controls), then revoked.
 * Screenshots of the dashboard and of the shared page at phone and desktop width go to docs/screenshots/.
 */
let panel: PanelHarness;

const SITE_ID = 1;
/** One day, without comparison: three visitors, two from DE and one from FR. */
const DAY = 'period=custom&from=2026-11-20&to=2026-11-20&compare=none';

before(async () => {
  panel = await startPanelHarness('dashboards');
  await panel.insertEvents(
    ['DE', 'DE', 'FR'].map((country, index) =>
      sampleEventRow({
        site_id: SITE_ID,
        session_id: `s${index}`,
        visitor_id: `v${index}`,
        country,
        ts: `2026-11-20 1${index}:00:00`,
      }),
    ),
  );
});

after(async () => {
  await panel?.stop();
});

/** The widgets' headings, in the order the dashboard shows them. */
const widgetOrder = (page: Page) => page.locator('.dashboard-widget h3').allInnerTexts();

/** The metric cards of a widget, each its label and value. */
async function cardsOf(widget: Locator): Promise<string[]> {
  const cards = widget.getByRole('list', { name: 'Metrics' }).getByRole('listitem');
  await cards.first().waitFor();
  return (await cards.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** A breakdown widget's rows, each its value and visitors. */
async function rowsOf(widget: Locator): Promise<string[]> {
  await widget.getByRole('cell').first().waitFor();
  return (await widget.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
}

/** What a dashboard of these widgets shows of the seeded day, wherever it is shown. */
async function assertSeededNumbers(page: Pick<Page, 'getByRole'>): Promise<void> {
  assert.deepEqual((await cardsOf(page.getByRole('region', { name: 'Metric cards' }))).slice(0, 3), [
    'Unique visitors 3',
    'Visits 3',
    'Pageviews 3',
  ]);
  assert.deepEqual(await rowsOf(page.getByRole('region', { name: 'Country' })), [
    'Country Visitors',
    'Germany 2',
    'France 1',
  ]);
}

async function addWidget(page: Page, shows: string, width: string, by?: string): Promise<void> {
  const form = page.locator('.add-to-dashboard-form');
  await form.getByLabel('Shows').selectOption({ label: shows });
  if (by) await form.getByLabel('By').selectOption({ label: by });
  await form.getByLabel('Width').selectOption({ label: width });
  await form.getByRole('button', { name: 'Add widget' }).click();
}

test('a dashboard built from the overview, reordered and reloaded; its public link shows its numbers signed out until revoked', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/overview?${DAY}`);
  await page.getByText('Add to dashboard').click();
  const form = page.locator('.add-to-dashboard-form');
  // No dashboard yet: the form names a new one.
  assert.equal(await form.getByLabel('Dashboard').inputValue(), 'new');
  await form.getByLabel('Name').fill('Marketing');
  await addWidget(page, 'Metric cards', '3 columns');
  await form.getByText('Added to “Marketing”.').waitFor();
  await addWidget(page, 'Breakdown', '1 column', 'Country');
  await form.getByRole('status').filter({ hasText: 'Added to “Marketing”.' }).waitFor();

  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Dashboards' }).click();
  await page.getByRole('heading', { name: 'Marketing' }).waitFor();
  await assertSeededNumbers(page);
  assert.deepEqual(await widgetOrder(page), ['Metric cards', 'Country']);

  // The dashboard's name and the widgets' arrows, widths and Remove show only while editing it.
  const country = page.getByRole('region', { name: 'Country' });
  assert.equal(await country.getByRole('button', { name: 'Move earlier' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Rename' }).count(), 0);
  await page.getByRole('button', { name: 'Edit dashboard' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Name' }).inputValue(), 'Marketing');
  assert.ok(await page.getByRole('button', { name: 'Rename' }).isDisabled(), 'nothing to rename yet');
  // Reordered with the keyboard: the breakdown's "Move earlier" button, focused and pressed.
  await country.getByRole('button', { name: 'Move earlier' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.dashboard-widget h3').first().filter({ hasText: 'Country' }).waitFor();
  assert.deepEqual(await widgetOrder(page), ['Country', 'Metric cards']);
  await page.reload();
  await page.getByRole('heading', { name: 'Marketing' }).waitFor();
  await assertSeededNumbers(page);
  assert.deepEqual(await widgetOrder(page), ['Country', 'Metric cards']);

  await page.getByText('Share this dashboard').click();
  await page.getByRole('button', { name: 'Create public link' }).click();
  const url = await page.getByLabel('Public link (shown once: copy it now)').inputValue();
  assert.match(url, /\/shared\/shr_[A-Za-z0-9_-]{43}$/);
  // With the HTML that embeds the same page in another site's: pasted into one, the frame takes the height of the
  // page it shows.
  const embed = await page.getByLabel(/^Embed it in a web page/).inputValue();
  assert.ok(
    embed.startsWith(
      `<iframe src="${url}?embed=true" title="Analytics dashboard" loading="lazy" ` +
        'style="width: 100%; height: 1600px; border: 0"></iframe>\n<script>',
    ),
    embed,
  );
  const host = await hostPage(
    panel.browser,
    `<title>Our numbers</title><p>Our shop, in numbers:</p>${embed}`,
  );
  try {
    const framed = host.page.frameLocator('iframe');
    await framed.getByRole('heading', { name: 'Marketing' }).waitFor();
    await assertSeededNumbers(framed);
    const frameHeight = () =>
      host.page.locator('iframe').evaluate((frame) => frame.getBoundingClientRect().height);
    const pageHeight = await framed
      .locator('.shared-page')
      .evaluate((element) => Math.ceil(element.getBoundingClientRect().height));
    await waitUntil('the frame fitted to its page', async () => (await frameHeight()) === pageHeight);
    assert.ok(pageHeight > 200 && pageHeight < 1600, `${pageHeight} px`);
  } finally {
    await host.close();
  }

  // A fresh browser context, never signed in.
  const visitor = await panel.visitorPage(url);
  await visitor.getByRole('heading', { name: 'Marketing' }).waitFor();
  await assertSeededNumbers(visitor);
  assert.deepEqual(await widgetOrder(visitor), ['Country', 'Metric cards']);
  assert.equal(await visitor.getByRole('button').count(), 0, 'no control on the shared page');
  assert.equal(await visitor.getByRole('textbox').count(), 0);
  assert.equal(await visitor.getByText('Sign out').count(), 0);

  await page.getByRole('button', { name: /^Revoke/ }).click();
  await page.getByText('No public links yet').waitFor();
  await visitor.reload();
  await visitor.getByText('This link does not exist, or it was revoked or has expired.').waitFor();
  assert.equal(await visitor.getByRole('heading', { name: 'Marketing' }).count(), 0);
  await visitor.close();
  await page.close();
});

test('a password-protected view link asks for its password; a dashboard and its shared page fit, accessible', async () => {
  const [dashboard] = (await (
    await fetch(`${panel.stack.adminUrl}/api/sites/${SITE_ID}/dashboards`, {
      headers: { authorization: `Bearer ${panel.token}` },
    })
  ).json()) as Array<{ id: number }>;
  const { token } = await panel.post<{ token: string }>(
    `/sites/${SITE_ID}/shared-links`,
    { dashboardId: dashboard.id },
    201,
  );
  // A link to one view with a password: the public page asks for it first, and refuses a wrong one.
  const { token: guarded } = await panel.post<{ token: string }>(
    `/sites/${SITE_ID}/shared-links`,
    { view: { reportKey: 'overview', query: DAY }, password: 'open sesame' },
    201,
  );
  const asked = await panel.visitorPage(`/shared/${guarded}`);
  const password = asked.getByLabel('Password');
  await password.fill('open sesame?');
  await asked.getByRole('button', { name: 'Open' }).click();
  await asked.getByText('That password is not right: try again.').waitFor();
  await password.fill('open sesame');
  await asked.getByRole('button', { name: 'Open' }).click();
  await asked.getByRole('heading', { name: 'Overview' }).waitFor();
  assert.deepEqual((await cardsOf(asked.getByRole('region', { name: 'Metric cards' }))).slice(0, 2), [
    'Unique visitors 3',
    'Visits 3',
  ]);
  await asked.getByRole('region', { name: 'Time chart' }).locator('canvas').waitFor();
  await asked.close();

  for (const [width, dark] of [
    [390, true],
    [1280, false],
  ] as const) {
    const page = await panel.ownerPage(`/sites/${SITE_ID}/dashboards?${DAY}&board=${dashboard.id}`, {
      width,
      dark,
    });
    await page.getByRole('region', { name: 'Country' }).getByRole('cell').first().waitFor();
    await panel.assertAccessible(page, `a dashboard at ${width} px`);
    await panel.assertFits(page);
    await page.close();
    const visitor = await panel.visitorPage(`/shared/${token}`, { width, dark });
    await visitor.getByRole('region', { name: 'Country' }).getByRole('cell').first().waitFor();
    await panel.assertAccessible(visitor, `a shared dashboard at ${width} px`);
    await visitor.close();
  }
});

test("a chart widget flags the site's annotations on its days; its public link, the numbers only", async () => {
  const [dashboard] = (await (
    await fetch(`${panel.stack.adminUrl}/api/sites/${SITE_ID}/dashboards`, {
      headers: { authorization: `Bearer ${panel.token}` },
    })
  ).json()) as Array<{ id: number }>;
  await panel.post(
    `/sites/${SITE_ID}/dashboards/${dashboard.id}/widgets`,
    { reportKey: 'overview', query: `${DAY}&metric=visitors`, kind: 'chart', width: 2 },
    201,
  );
  await panel.post(`/sites/${SITE_ID}/annotations`, { date: '2026-11-20', text: 'Launch day' }, 201);
  const { token } = await panel.post<{ token: string }>(
    `/sites/${SITE_ID}/shared-links`,
    { dashboardId: dashboard.id },
    201,
  );
  /** The legend's date row with the day's first hour pointed at (the day's notes go on it). */
  const firstHour = async (page: Page) => {
    const chart = page.locator('.dashboard-widget .time-chart');
    await chart.locator('canvas').waitFor();
    await chart.scrollIntoViewIfNeeded();
    const plot = await chart.locator('.u-over').boundingBox();
    assert.ok(plot);
    await page.mouse.move(plot.x + 1, plot.y + plot.height / 2);
    return chart.locator('.u-legend .u-series').first().locator('.u-value').textContent();
  };
  const page = await panel.ownerPage(`/sites/${SITE_ID}/dashboards?${DAY}&board=${dashboard.id}`);
  // Asked once the widgets' numbers are in: the chart is drawn again with its flag, pointed at until it is.
  let legend = await firstHour(page);
  for (let tries = 0; !legend?.includes('Launch day') && tries < 50; tries++) {
    await page.waitForTimeout(100);
    legend = await firstHour(page);
  }
  assert.match(legend ?? '', /^Fri, Nov 20, \d\d:00( [AP]M)? — Launch day$/);
  await page.close();
  // The team's notes are not the public's: the shared page draws the same chart without them.
  const visitor = await panel.visitorPage(`/shared/${token}`);
  assert.match((await firstHour(visitor)) ?? '', /^Fri, Nov 20, \d\d:00( [AP]M)?$/);
  await visitor.close();
});
