import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { evaluateFlag, trackerSnippet, type FlagsDocument, type PublishedFlag } from '@sluice/config';
import type { RunningEdge } from '@sluice/edge';
import type { ClickHouseHarness } from '@sluice/pipeline/testing';
import { freePort, waitUntil, type ManagedProcess } from '@sluice/services';
import { CUSTOMER_HOST, launchChromium, personsPage } from './browser';
import { startBrowserPipeline } from './browser-pipeline';
import { startCustomerSite } from './customer-site';

/**
 * Feature flags end to end: documents as the backend publishes them, the real edge evaluating them, the built
 * tracker in Chromium on a customer page behind its first-party proxy, and the exposures shipped to ClickHouse.
 */

const SITE = { id: 1, key: 'flags-e2e', name: 'flags', domain: CUSTOMER_HOST, timezone: 'UTC' };
/** Browsers may reuse an answer this long (production: 30 s); the edge rechecks a document each second. */
const MAX_AGE_SECONDS = 2;
const USER = 'user-7';

const CHECKOUT: PublishedFlag = {
  key: 'checkout',
  enabled: true,
  rollout: 100,
  variants: [
    { key: 'control', weight: 50 },
    { key: 'one-step', weight: 50 },
  ],
  rules: [{ attribute: 'path', operator: 'in', values: ['/shop*'] }],
};
const BETA: PublishedFlag = { key: 'beta', enabled: true, rollout: 100, variants: [], rules: [] };

let dir: string;
let edge: RunningEdge;
let clickhouse: ClickHouseHarness;
let shipper: ManagedProcess;
let customer: Awaited<ReturnType<typeof startCustomerSite>>;
let browser: Browser;
let port: number;
let version = 0;

/** The backend's way: the site's whole document, renamed over the old one. */
function publish(flags: PublishedFlag[]): void {
  const document: FlagsDocument = { version: `v${(version += 1)}`, flags };
  writeFileSync(join(dir, 'flags', '.tmp'), JSON.stringify(document));
  renameSync(join(dir, 'flags', '.tmp'), join(dir, 'flags', `${SITE.id}.json`));
}

/** The page identifies its user before the tracker loads, so the edge buckets by the user id. */
const shopPage = (key: string) =>
  `<!doctype html><html><head><title>Shop</title><script>window._sluice = [['setUserId', '${USER}']];</script>${trackerSnippet(key)}</head><body>shop</body></html>`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-flags-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'flags'));
  writeFileSync(join(dir, 'sites.json'), JSON.stringify({ version: 1, sites: [SITE] }));
  ({ clickhouse, edge, shipper } = await startBrowserPipeline(dir, {
    flagsDir: join(dir, 'flags'),
    flagsMaxAgeSeconds: MAX_AGE_SECONDS,
  }));
  port = await freePort();
  customer = await startCustomerSite({
    dir: join(dir, 'customer-site'),
    port,
    edgeOrigin: edge.url,
    html: '',
  });
  writeFileSync(join(dir, 'customer-site', 'www', 'shop.html'), shopPage(SITE.key));
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

/**
 * Opens the shop page and waits until the tracker holds the edge's flags answer, as a page that reads its flags
 * after load. Its arrival is not enough: the tracker takes the answer once its body is parsed, a moment later,
 * and a read in between gets the bootstrapped values (a CI run read `checkout` off, and recorded that).
 */
async function openShop(page: Page): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().includes('/telemetry/flags?'));
  await page.goto(`http://${CUSTOMER_HOST}:${port}/shop.html`);
  const answer = JSON.stringify(await (await answered).json());
  // The `flags` command hands the values over without recording them as seen.
  await waitUntil('the tracker holding the edge’s answer', async () => {
    const held = await page.evaluate(
      `new Promise((resolve) => _sluice.push(['flags', (flags) => resolve(JSON.stringify(flags))]))`,
    );
    return held === answer;
  });
}

/** What `isEnabled` hands the page: whether the flag is on, and its value. */
const read = (page: Page, key: string) =>
  page.evaluate(
    `new Promise((resolve) => _sluice.push(['isEnabled', '${key}', (on, value) => resolve([on, value])]))`,
  ) as Promise<[boolean, unknown]>;

/**
 * The site's `$flag` exposures in ClickHouse, one row per event id, once `expected` of them and a marker
 * tracked after them have landed there. The page's exposures leave in its beacon as the next page loads, and
 * the marker from that page may travel before it: so the wait is for both. Delivery is at least once (a batch
 * whose answer the unloading page never saw is resent by the next page, under the same ids), so rows are
 * counted by id, as every report counts them; a second exposure, with an id of its own, still makes one too many.
 */
async function exposuresLanded(page: Page, marker: string, expected: number): Promise<string[][]> {
  await page.evaluate(`_sluice.push(['track', '${marker}'])`);
  await waitUntil(`${marker} and ${expected} exposures in ClickHouse`, async () => {
    const [row] = await clickhouse.query<{ markers: string; exposures: string }>(
      `SELECT uniqExactIf(event_id, name = '${marker}') AS markers, uniqExactIf(event_id, name = '$flag') AS exposures
       FROM sluice.events WHERE site_id = ${SITE.id}`,
    );
    return Number(row.markers) === 1 && Number(row.exposures) >= expected;
  });
  const rows = await clickhouse.query<{ flag: string; variant: string; session: string }>(
    `SELECT DISTINCT event_id, props_values[indexOf(props_keys, 'flag')] AS flag,
       props_values[indexOf(props_keys, 'variant')] AS variant, session_id AS session
       FROM sluice.events WHERE site_id = ${SITE.id} AND name = '$flag' ORDER BY flag`,
  );
  return rows.map(({ flag, variant, session }) => [flag, variant, session]);
}

/**
 * Waits until the edge answers with the document just published: its worker rereads a document a second after
 * it last did, and a page opened before then reads the one before (a CI run saw every flag off).
 */
async function edgeServes(flag: string): Promise<void> {
  const ask = `${edge.url}/telemetry/flags?${new URLSearchParams({ s: SITE.key, i: USER })}`;
  await waitUntil(`the edge answering ${flag}`, async () => {
    const answer = await fetch(ask);
    return answer.ok && flag in ((await answer.json()) as Record<string, unknown>);
  });
}

test('the page gets its variant from the edge, and each flag it reads lands in ClickHouse once per session', async () => {
  publish([CHECKOUT, BETA]);
  await edgeServes('beta');
  const context = { path: '/shop.html', country: '', device: 'desktop', browser: 'Chrome', hasUserId: true };
  const variant = evaluateFlag(CHECKOUT, context, USER);
  assert.equal(typeof variant, 'string', 'the path rule lets the page through');

  const page = await personsPage(browser);
  await openShop(page);
  assert.deepEqual(await read(page, 'checkout'), [true, variant]);
  assert.deepEqual(await read(page, 'checkout'), [true, variant]);
  assert.deepEqual(await read(page, 'beta'), [true, true]);
  // The next page of the same visit reads the same answers, and records nothing again.
  await openShop(page);
  assert.deepEqual(await read(page, 'checkout'), [true, variant]);
  const session = (await page.evaluate("sessionStorage.getItem('_sluice_sid')")) as string;

  const landed = await exposuresLanded(page, 'marker-flags-1', 2);
  // Ordered by flag: both may share a second.
  assert.deepEqual(landed, [
    ['beta', 'true', session.split(' ')[0]],
    ['checkout', variant as string, session.split(' ')[0]],
  ]);
  await page.close();
});

test(`a changed flag reaches the page within its max-age (${MAX_AGE_SECONDS} s here, 30 s in production) and the edge's one-second recheck`, async () => {
  publish([BETA]);
  const page = await personsPage(browser);
  await openShop(page);
  assert.deepEqual(await read(page, 'beta'), [true, true]);
  publish([{ ...BETA, enabled: false }]);
  // Each page load asks again; a browser may answer from its cache until the max-age has passed.
  await waitUntil(
    'the page sees beta off',
    async () => {
      await openShop(page);
      return (await read(page, 'beta'))[1] === false;
    },
    { timeoutMs: (MAX_AGE_SECONDS + 1 + 2) * 1000 },
  );
  await page.close();
});
