import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { evaluateFlag, type PublishedFlag } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { dataPaths } from '../src/stack/settings';
import { readSites } from '../src/stack/sites-file';
import {
  CHROME,
  SCREENSHOT_SIZES,
  startPanelHarness,
  type PanelHarness,
  type VisitEvent,
} from './panel-harness';

/**
 * The Flags page in Chromium over the real stack (`npm start`'s backend, edge and ClickHouse): a flag with
 * variants and a rule created through the form, switched on in the list, and served by the edge as the shared
 * algorithm says, with no call from the edge to the backend (the backend published the site's document).
 * Its results: visits sent through the edge read it and buy, and the page counts each variant's visitors and
 * who converted after the read. With a second flag, the list and the results at phone width (dark) and
 * desktop width (light): axe-core (the screenshots are the demo's, panel-demo.test.ts).
 */
let panel: PanelHarness;

const SITE_ID = 1;

before(async () => {
  panel = await startPanelHarness('flags');
});

after(async () => {
  await panel?.stop();
});

/** Chrome of another build for each visitor: the edge hashes each to another visitor. */
const chrome = (n: number) => CHROME.replace('Chrome/131.0.0.0', `Chrome/131.0.${n}.0`);

/** A goal's id, by its name, as the API lists the site's goals. */
async function goalId(name: string): Promise<string> {
  const response = await fetch(`${panel.stack.adminUrl}/api/sites/${SITE_ID}/goals`, {
    headers: { authorization: `Bearer ${panel.token}` },
  });
  const goals = (await response.json()) as Array<{ id: number; name: string }>;
  return String(goals.find((goal) => goal.name === name)?.id);
}

test('a flag created with variants and a rule, switched on in the list, reaches the edge', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/flags`);
  await page.getByText('No flags yet.').waitFor();
  await panel.assertAccessible(page, 'the Flags page without flags');
  // Settings, not a report: no period to choose, nothing to add to a dashboard or share.
  assert.equal(await page.getByText('Add to dashboard').count(), 0);
  assert.equal(await page.getByLabel('Period').count(), 0);

  const form = page.getByRole('form', { name: 'Add a flag' });
  await form.getByLabel('Key').fill('new-checkout');
  await form.getByLabel('Description').fill('One-step checkout');
  await form.getByLabel(/Rollout/).fill('60');
  await form.getByRole('button', { name: 'Add a variant' }).click();
  await form.getByLabel('Variant 2 key').fill('one-step');
  await form.getByRole('button', { name: 'Add a rule' }).click();
  await form.getByLabel('Rule 1 values, comma-separated').fill('/shop*, /cart');
  await form.getByRole('button', { name: 'Add flag' }).click();

  const row = page.getByRole('row', { name: /new-checkout/ });
  await row.waitFor();
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(1, 2), [
    '60% of visitors · control 50% / one-step 50% · Page path is /shop*, /cart',
  ]);
  const toggle = row.getByRole('checkbox', { name: 'new-checkout on' });
  assert.equal(await toggle.isChecked(), false);
  await toggle.click();
  await waitUntil('the flag switched on', () => toggle.isChecked());
  await panel.assertAccessible(page, 'the Flags page with a flag');

  const flag: PublishedFlag = {
    key: 'new-checkout',
    enabled: true,
    rollout: 60,
    variants: [
      { key: 'control', weight: 50 },
      { key: 'one-step', weight: 50 },
    ],
    rules: [{ attribute: 'path', operator: 'in', values: ['/shop*', '/cart'] }],
  };
  const site = readSites(dataPaths(panel.settings).sitesFile).find(({ id }) => id === SITE_ID)!;
  const context = { path: '/shop/', country: '', device: 'desktop', browser: 'Chrome', hasUserId: true };
  const agent =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  for (const user of ['u-1', 'u-2', 'u-3', 'u-4']) {
    const answer = await fetch(`${panel.stack.edgeUrl}/telemetry/flags?s=${site.key}&i=${user}`, {
      headers: { referer: `https://${site.domain}/shop/`, 'user-agent': agent },
    });
    assert.deepEqual(await answer.json(), { 'new-checkout': evaluateFlag(flag, context, user) }, user);
  }
  await page.close();
});

test("a flag's results: each variant's visitors through the edge, who converted after reading it, against control", async () => {
  await panel.post(`/sites/${SITE_ID}/goals`, { name: 'Bought', kind: 'event', match: 'purchase' }, 201);
  // Six visitors (another browser, another visitor) read the flag on /shop: three control, one of whom buys
  // after; three one-step, two of whom buy after. A seventh bought before reading one-step: no conversion of it.
  const read = (variant: string): VisitEvent => ({
    name: '$flag',
    pathname: '/shop/',
    props: { flag: 'new-checkout', variant },
  });
  const buy: VisitEvent = { name: 'purchase', pathname: '/cart' };
  const visits: VisitEvent[][] = [
    [read('control'), buy],
    [read('control')],
    [read('control')],
    [read('one-step'), buy],
    [read('one-step'), buy],
    [read('one-step')],
    [buy, read('one-step')],
  ];
  for (const [index, events] of visits.entries()) {
    await panel.sendVisit(SITE_ID, [{ name: 'pageview', pathname: '/shop/' }, ...events], chrome(index));
  }

  const page = await panel.ownerPage(`/sites/${SITE_ID}/flags`);
  await page.getByRole('button', { name: 'Results of new-checkout' }).click();
  await page.waitForURL(/flag=new-checkout/);
  const results = page.getByRole('region', { name: 'Results of new-checkout' });
  assert.equal(await results.getByLabel('Judged by the goal').inputValue(), await goalId('Bought'));
  const rows = results.getByRole('row');
  // The shipper brings the events within seconds: the page asks again when they are not all there yet.
  await waitUntil('every read in the results', async () => {
    if ((await rows.count()) === 3 && (await rows.nth(2).innerText()).includes('4')) return true;
    await page.reload();
    await results.getByRole('table').waitFor();
    return false;
  });
  const cells = async (n: number) =>
    (await rows.nth(n).getByRole('cell').allInnerTexts()).map((text) => text.trim());
  // The 95% intervals of Beta(2, 3) and Beta(3, 3): 0.4 ± 1.96 × 0.2 and 0.5 ± 1.96 × 0.189.
  assert.deepEqual(await cells(1), ['control', '3', '1', '33.3%', '—', '—', '0.8 – 79.2%']);
  const [label, visitors, converted, rate, uplift, chance, interval] = await cells(2);
  assert.deepEqual(
    [label, visitors, converted, rate, uplift, interval],
    ['one-step', '4', '2', '50.0%', '+50%', '13.0 – 87.0%'],
  );
  assert.match(chance, /^\d{1,2}%$/);
  // The same ranges drawn on one axis, a row a value, the control's shaded across both.
  const drawn = results.getByRole('figure', { name: 'Conversion rate, and where it lies with 95% belief' });
  assert.equal(await drawn.locator('svg.experiment-interval').count(), 2);
  assert.equal(await drawn.locator('.experiment-interval-band').count(), 2);
  assert.deepEqual(await drawn.locator('.experiment-interval-ticks span').allInnerTexts(), [
    '0%',
    '20%',
    '40%',
    '60%',
    '80%',
    '100%',
  ]);
  assert.equal(
    await results.getByRole('status').innerText(),
    'Too few visitors to tell yet: at least 100 under each value, and control has 3, one-step has 4.',
  );
  // The view is a link: it reopens with its flag and goal.
  const again = await panel.ownerPage(page.url().replace(/^https?:\/\/[^/]+/, ''));
  await again
    .getByRole('region', { name: 'Results of new-checkout' })
    .getByRole('cell', { name: '33.3%' })
    .waitFor();
  await Promise.all([again.close(), page.close()]);
});

test('two flags with rules and rollouts, and results, at phone width (dark) and desktop width (light)', async () => {
  await panel.post(
    `/sites/${SITE_ID}/flags`,
    {
      key: 'pricing-banner',
      description: 'Winter sale banner on the pricing page',
      enabled: true,
      rollout: 25,
      rules: [
        { attribute: 'country', operator: 'in', values: ['DE', 'AT', 'CH'] },
        { attribute: 'device', operator: 'not_in', values: ['bot'] },
      ],
    },
    201,
  );
  for (const size of SCREENSHOT_SIZES) {
    // With the first flag's results open (the test before sent its reads).
    const page = await panel.ownerPage(`/sites/${SITE_ID}/flags?flag=new-checkout`, size);
    await page.getByRole('row', { name: /pricing-banner/ }).waitFor();
    await page
      .getByRole('region', { name: 'Results of new-checkout' })
      .getByRole('cell', { name: '33.3%' })
      .waitFor();
    // Each flag's description cell and its switch, in the list's order.
    assert.deepEqual(await page.locator('.flags-table tbody td:nth-child(2)').allInnerTexts(), [
      '60% of visitors · control 50% / one-step 50% · Page path is /shop*, /cart',
      '25% of visitors · Country is DE, AT, CH · Device is not bot',
    ]);
    const on = (key: string) => page.getByRole('checkbox', { name: `${key} on` }).isChecked();
    assert.deepEqual([await on('new-checkout'), await on('pricing-banner')], [true, true]);
    // The Flags page's screenshots are the demo's, its results over a month of reads (panel-demo.test.ts).
    await panel.assertAccessible(page, `the Flags page at ${size.width} px`);
    await page.close();
  }
});
