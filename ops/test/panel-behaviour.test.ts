import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/processes';
import { PLANS_HTML, PLANS_PATH, SHOWCASE_WEEK, showcaseRows } from './heatmap-showcase';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The panel's paths and heatmap pages in Chromium over the real stack: a site whose visits, clicks and
 * scrolling are seeded so every number is known, read as the pages show them; options changed through the
 * page change the URL and the numbers, back restores them, a link reopens the view. The site's own pages are
 * served by a local HTTP server: /pricing may be framed, /docs refuses (X-Frame-Options); /plans, with a
 * week of clicks of its own, is the heatmap's picture (heatmap-showcase.ts).
 */
let panel: PanelHarness;
let customer: Server;
let origin: string;
let siteId: number;

const WEEK = 'period=custom&from=2026-11-10&to=2026-11-16';

/** The customer's /pricing: its "Buy now" button where the seeded desktop clicks land (640, 120). */
const PRICING_HTML = `<!doctype html><html><head><title>Pricing</title><style>
body{margin:0;font:16px system-ui,sans-serif;color:#1d2330;background:#fff}
header{height:64px;padding:0 24px;display:flex;align-items:center;background:#0f3d5e;color:#fff;font-weight:700}
main{text-align:center;padding:24px}
button{font:inherit;font-size:20px;padding:10px 32px;border-radius:8px;border:0;background:#e8590c;color:#fff}
section{margin:48px auto;max-width:720px;text-align:left;line-height:1.6}
</style></head><body><header>Shop</header><main><button>Buy now</button>
<section><h1>Pricing</h1><p>One plan, every feature. Cancel any time.</p><p>Questions? Read the docs.</p></section>
</main></body></html>`;

let visitCount = 0;
/** One visit's pageviews, a minute apart, on 2026-11-12 from 10:00 UTC. */
function visit(session: string, pages: string[]): EventRow[] {
  const hour = 10 + visitCount++;
  return pages.map((pathname, index) =>
    sampleEventRow({
      site_id: siteId,
      session_id: session,
      visitor_id: `visitor-${session}`,
      ts: `2026-11-12 ${hour}:0${index}:00`,
      pathname,
    }),
  );
}

const BUY = { el_tag: 'button', el_text: 'Buy now', el_selector: 'main > button', el_fingerprint: 'f-buy' };
const DOCS = { el_tag: 'a', el_id: 'docs', el_selector: '#docs', el_fingerprint: 'f-docs' };

/** A click on /pricing in visit `session`, at (x, y) CSS px of a window `width` wide. */
const click = (session: string, element: object, x: number, y: number, width: number, second: number) =>
  sampleEventRow({
    site_id: siteId,
    session_id: session,
    visitor_id: `visitor-${session}`,
    ts: `2026-11-12 ${10 + ['a', 'b', 'c', 'd'].indexOf(session)}:01:${String(second).padStart(2, '0')}`,
    name: '$autocapture',
    pathname: '/pricing',
    click_x: x,
    click_y: y,
    viewport_width: width,
    ...element,
  });

/** How far visit `session` scrolled /pricing. */
const scrolled = (session: string, depth: number) =>
  sampleEventRow({
    site_id: siteId,
    session_id: session,
    visitor_id: `visitor-${session}`,
    ts: `2026-11-12 ${10 + ['a', 'b', 'c', 'd'].indexOf(session)}:01:50`,
    name: '$engagement',
    pathname: '/pricing',
    scroll_depth: depth,
  });

before(async () => {
  customer = createServer((request, response) => {
    if (request.url === '/pricing')
      response.writeHead(200, { 'content-type': 'text/html' }).end(PRICING_HTML);
    else if (request.url === PLANS_PATH)
      response.writeHead(200, { 'content-type': 'text/html' }).end(PLANS_HTML);
    else if (request.url === '/docs')
      response.writeHead(200, { 'content-type': 'text/html', 'x-frame-options': 'DENY' }).end('<p>Docs</p>');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => customer.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(customer.address() as AddressInfo).port}`;
  panel = await startPanelHarness('behaviour');
  ({ id: siteId } = await panel.post<{ id: number }>(
    '/sites',
    { name: 'Behaviour', domain: 'behaviour.test', allowedOrigins: [origin] },
    201,
  ));
  await panel.insertEvents([
    // Visits through /pricing: before it /, /, (entry), /docs; after it /checkout, exit, /checkout, /docs.
    ...visit('a', ['/', '/pricing', '/checkout']),
    ...visit('b', ['/', '/pricing']),
    ...visit('c', ['/pricing', '/checkout']),
    ...visit('d', ['/docs', '/pricing', '/docs']),
    // Desktop: Buy now three times in cell (25, 2), the docs link once in cell (0, 20); mobile: Buy now once.
    click('a', BUY, 640, 120, 1280, 10),
    click('b', BUY, 650, 130, 1280, 10),
    click('c', BUY, 645, 110, 1280, 10),
    click('d', DOCS, 10, 1000, 1280, 10),
    click('d', BUY, 195, 300, 390, 20),
    // On /docs, which refuses framing: a link back to pricing, in cell (3, 0).
    click(
      'd',
      { el_tag: 'a', el_text: 'Pricing', el_fingerprint: 'f-to-pricing', pathname: '/docs' },
      100,
      40,
      1440,
      30,
    ),
    scrolled('a', 100),
    scrolled('b', 60),
    scrolled('c', 30),
    // The pictures' week: the plans page's visits, clicked where its elements are at each width.
    ...(await showcaseAt(1280, 240, 1)),
    ...(await showcaseAt(390, 120, 2)),
  ]);
});

/** How many clicks the showcase seeded at each width. */
const showcaseClicks = new Map<number, number>();

/** The showcase's visits at `width`, measured on the plans page as Chromium lays it out there. */
async function showcaseAt(width: number, visits: number, seed: number): Promise<EventRow[]> {
  const plans = await panel.visitorPage(`${origin}${PLANS_PATH}`, { width });
  const rows = await showcaseRows(plans, { siteId, width, visits, seed });
  await plans.close();
  showcaseClicks.set(width, rows.filter((row) => row.name === '$autocapture').length);
  return rows;
}

after(async () => {
  await panel?.stop();
  customer?.close();
});

const open = (report: 'paths' | 'heatmap', options: string, size: { width?: number; dark?: boolean } = {}) =>
  panel.ownerPage(`/sites/${siteId}/${report}?${WEEK}&${options}`, size);

/** The items of a list, each as one line of text. */
async function lines(list: Locator): Promise<string[]> {
  return (await list.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Clicks the "Download CSV" button of `region` and answers the saved file's name and text. */
async function downloadedCsv(page: Page, region: Locator): Promise<[string, string]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  return [download.suggestedFilename(), readFileSync(await download.path(), 'utf8')];
}

/**
 * Waits until the top paths of `list` read `expected`: an answer to the options before the last may be drawn
 * first, and the shares come with the page's visits, a request of their own ("…" until it answers).
 */
async function topPaths(list: Locator, expected: string[]) {
  const rows = async () =>
    (await list.locator('.paths-top-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  await waitUntil(
    'the top paths drawn',
    async () => {
      assert.deepEqual(await rows(), expected);
      return true;
    },
    { timeoutMs: 15_000 },
  );
}

/** Waits until the flow is centred on `page` with `visits` visits (the previous view stays while loading). */
async function centred(page: Page, path: string, visits: string) {
  await page
    .locator('.paths-centre')
    .filter({ hasText: new RegExp(`^${path}${visits}visit`) })
    .waitFor();
}

test('paths: the pages before and after /pricing; a neighbour re-centres, back returns; the top paths follow the options and reopen from their link', async () => {
  const page = await open('paths', 'page=%2Fpricing');
  await centred(page, '/pricing', '4');
  const previous = page.getByRole('list', { name: 'Came from' });
  const next = page.getByRole('list', { name: 'Went next' });
  assert.deepEqual(await lines(previous), ['/ 2 50.0%', '/docs 1 25.0%', 'Entered the site 1 25.0%']);
  assert.deepEqual(await lines(next), ['/checkout 2 50.0%', '/docs 1 25.0%', 'Left the site 1 25.0%']);
  assert.deepEqual(
    await downloadedCsv(page, page.getByRole('region', { name: 'Before and after /pricing' })),
    [
      'paths-before-and-after.csv',
      [
        '"direction","page","visits","percent"',
        '"next","/checkout",2,50',
        '"next","/docs",1,25',
        '"next","exit",1,25',
        '"page","/pricing",4,100',
        '"previous","/",2,50',
        '"previous","/docs",1,25',
        '"previous","entry",1,25',
        '',
      ].join('\n'),
    ],
  );

  await next.getByRole('button', { name: /\/checkout/ }).click();
  await page.waitForURL(/page=%2Fcheckout/);
  await centred(page, '/checkout', '2');
  assert.deepEqual(await lines(previous), ['/pricing 2 100.0%']);
  assert.deepEqual(await lines(next), ['Left the site 2 100.0%']);
  await page.goBack();
  await centred(page, '/pricing', '4');
  assert.deepEqual(await lines(next), ['/checkout 2 50.0%', '/docs 1 25.0%', 'Left the site 1 25.0%']);

  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Top paths' }).click();
  await page.waitForURL(/show=top/);
  const top = page.getByRole('list', { name: 'Top paths from /pricing' });
  await topPaths(top, [
    '/pricing → /checkout → Left the site 2 50.0%',
    '/pricing → /docs → Left the site 1 25.0%',
    '/pricing → Left the site 1 25.0%',
  ]);
  assert.deepEqual(await downloadedCsv(page, page.getByRole('region', { name: 'Top paths from /pricing' })), [
    'top-paths-from.csv',
    [
      '"path","visits"',
      '"/pricing > /checkout > exit",2',
      '"/pricing > /docs > exit",1',
      '"/pricing > exit",1',
      '',
    ].join('\n'),
  ]);

  await page.getByRole('combobox', { name: /^Paths/ }).selectOption('to');
  await page.getByRole('combobox', { name: /^Steps/ }).selectOption('3');
  await page.waitForURL(/direction=to.*steps=3|steps=3.*direction=to/);
  const toRows = [
    'Entered the site → / → /pricing 2 50.0%',
    'Entered the site → /docs → /pricing 1 25.0%',
    'Entered the site → /pricing 1 25.0%',
  ];
  // The previous answer stays, dimmed, until the new one is drawn.
  await topPaths(page.getByRole('list', { name: 'Top paths to /pricing' }), toRows);

  const link = page.url();
  const reopened = await panel.ownerPage(link);
  assert.equal(reopened.url(), link);
  await topPaths(reopened.getByRole('list', { name: 'Top paths to /pricing' }), toRows);
  await reopened.close();
  await page.close();
});

test('with no page chosen, paths and the heatmap start from the most visited page of the range', async () => {
  const paths = await open('paths', '');
  await centred(paths, '/pricing', '4');
  const chosen = paths.getByRole('group', { name: 'Top pages' }).getByRole('button', { pressed: true });
  assert.deepEqual(await chosen.allInnerTexts(), ['/pricing']);
  assert.equal(
    new URL(paths.url()).searchParams.get('page'),
    null,
    'the default is not written into the link',
  );
  await paths.close();

  const heatmap = await open('heatmap', '');
  await heatmap.getByRole('heading', { name: 'Clicks on /pricing, desktop' }).waitFor();
  assert.equal(await heatmap.locator('.heatmap-total-number').innerText(), '4');
  await heatmap.close();
});

test('heatmap: /pricing framed with its cells, elements and scroll depth; the viewport changes the URL and the numbers, back restores; /docs only as an outline', async () => {
  const page = await open('heatmap', 'page=%2Fpricing');
  const total = page.locator('.heatmap-total-number');
  await page.getByRole('heading', { name: 'Clicks on /pricing, desktop' }).waitFor();
  assert.equal(await total.innerText(), '4');
  const areas = page.getByRole('table', { name: 'Densest areas' });
  assert.deepEqual(await areas.getByRole('row').allInnerTexts(), [
    'Across the width\tDown the page\tClicks',
    '50–52%\t100–150 px\t3',
    '0–2%\t1,000–1,050 px\t1',
  ]);
  const elements = page.getByRole('region', { name: 'Most clicked elements' });
  assert.deepEqual(await elements.getByRole('row').allInnerTexts(), [
    'Element\tClicks\tShare',
    "Clicked 'Buy now' on /pricing\t3\t75.0%",
    "Clicked 'docs' on /pricing\t1\t25.0%",
  ]);
  assert.deepEqual(await downloadedCsv(page, elements), [
    'heatmap-elements.csv',
    [
      '"fingerprint","name","clicks","visitors","percent"',
      `"f-buy","Clicked 'Buy now' on /pricing",3,3,75`,
      `"f-docs","Clicked 'docs' on /pricing",1,1,25`,
      '',
    ].join('\n'),
  ]);
  assert.deepEqual(await lines(page.getByRole('list', { name: 'Views that reached each depth' })), [
    '25% of the page 3 100.0%',
    '50% of the page 2 66.7%',
    '75% of the page 1 33.3%',
    '100% of the page 1 33.3%',
  ]);
  // The page itself under the cells, from the site's origin, sandboxed with no permission at all.
  const frame = page.locator('iframe.heatmap-frame');
  await frame.waitFor();
  assert.deepEqual(
    await frame.evaluate((element) => [element.getAttribute('src'), element.getAttribute('sandbox')]),
    [`${origin}/pricing`, ''],
  );
  assert.equal(await page.locator('.heatmap-cell').count(), 2);

  await page.getByRole('group', { name: 'Viewport' }).getByRole('button', { name: 'Mobile' }).click();
  await page.waitForURL(/viewport=mobile/);
  await page.getByRole('heading', { name: 'Clicks on /pricing, mobile' }).waitFor();
  await total.filter({ hasText: /^1$/ }).waitFor();
  assert.deepEqual(await areas.getByRole('row').allInnerTexts(), [
    'Across the width\tDown the page\tClicks',
    '50–52%\t300–350 px\t1',
  ]);
  await page.goBack();
  await page.getByRole('heading', { name: 'Clicks on /pricing, desktop' }).waitFor();
  await total.filter({ hasText: /^4$/ }).waitFor();

  // A typed page must be a path; /docs refuses framing: its clicks (none) go over an outline.
  const field = page.getByRole('combobox', { name: 'Page' });
  await field.fill('docs');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('alert').filter({ hasText: 'A page is a path starting with /' }).waitFor();
  await field.fill('/docs');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/page=%2Fdocs/);
  await page
    .getByText(`${origin}/docs cannot be shown here: it sends X-Frame-Options.`, { exact: false })
    .waitFor();
  assert.equal(await page.locator('iframe.heatmap-frame').count(), 0);
  assert.equal(await page.locator('.heatmap-outline').count(), 1);
  // The framing check and the clicks are two answers: /pricing's clicks stay on screen (dimmed) until /docs's arrive.
  await total.filter({ hasText: /^1$/ }).waitFor();
  assert.equal(await total.innerText(), '1');
  assert.deepEqual(await areas.getByRole('row').allInnerTexts(), [
    'Across the width\tDown the page\tClicks',
    '6–8%\t0–50 px\t1',
  ]);
  await page.close();
});

test("the paths and heatmap pages at phone width (dark) and desktop width (light); the heatmap over the plans page's week of clicks: screenshots", async () => {
  for (const size of [
    { width: 390, dark: true },
    { width: 1280, dark: false },
  ]) {
    const paths = await open('paths', 'page=%2Fpricing', size);
    await centred(paths, '/pricing', '4');
    await panel.assertAccessible(paths, `the paths page at ${size.width} px`);
    await panel.assertFits(paths);
    await paths.close();
    // A phone shows the phone layout's clicks: the page drawn at 390 px, as its visitors saw it.
    const viewport = size.width === 390 ? '&viewport=mobile' : '';
    const heatmap = await panel.ownerPage(
      `/sites/${siteId}/heatmap?${SHOWCASE_WEEK}&page=${encodeURIComponent(PLANS_PATH)}${viewport}`,
      size,
    );
    await heatmap.getByRole('table', { name: 'Densest areas' }).waitFor();
    // Every click of the layout's width, and the framed page drawn beneath them: its chosen plan's button.
    const total = heatmap.locator('.heatmap-total-number');
    assert.equal(await total.innerText(), String(showcaseClicks.get(size.width)));
    await heatmap
      .frameLocator('iframe.heatmap-frame')
      .getByRole('button', { name: 'Start with Pro' })
      .waitFor();
    // …and is painted: Chromium paints a frame of another origin only where it is on screen, so the window
    // is made as tall as the page (the stage is taller than a phone's screen); then two of the panel's frames.
    const pageHeight = Number(await heatmap.evaluate('document.documentElement.scrollHeight'));
    await heatmap.setViewportSize({ width: size.width, height: pageHeight });
    await heatmap.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    await panel.assertAccessible(heatmap, `the heatmap page at ${size.width} px`);
    await panel.screenshot(heatmap, 'heatmap');
    await heatmap.close();
  }
});
