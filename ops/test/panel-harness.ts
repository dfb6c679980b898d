import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { EventRow } from '@sluice/config';
import { REPO_ROOT } from '../src/repo-root';
import { dataPaths, type StackSettings } from '../src/stack/settings';
import { readSites } from '../src/stack/sites-file';
import type { RunningStack } from '../src/stack/stack';
import { launchChromium } from './browser';
import { startTestStack } from './test-stack';

/** The browser's language in the panel tests unless one asks for another: the panel formats numbers and dates in it. */
export const PANEL_LOCALE = 'en-US';

/** Every page's screenshots: a phone in the dark, a desktop in the light (frontend/README.md, "Tests"). */
export const SCREENSHOT_SIZES = [
  { width: 390, dark: true },
  { width: 1280, dark: false },
] as const;

/** A page's screen width (1280 px by default), colour scheme and browser language. */
interface PageOptions {
  width?: number;
  dark?: boolean;
  locale?: string;
}

/**
 * What a test of the panel in Chromium needs, over the real stack (ClickHouse 18.16, backend, edge) as
 * `npm start` runs it: seeded rows, the owner signed in through the API and in the browser, screenshots.
 * One stack a test file: start it in `before`, stop it in `after`.
 */
/** An event of a visit sent through the edge (PanelHarness.sendVisit). */
export interface VisitEvent {
  name: string;
  pathname: string;
  props?: Record<string, string>;
}

export interface PanelHarness {
  stack: RunningStack;
  settings: StackSettings;
  browser: Browser;
  ownerEmail: string;
  /** The owner's own password (the one-time one replaced), which some forms ask for again. */
  ownerPassword: string;
  /** The owner's API access token. */
  token: string;
  /** Inserts rows as the pipeline would, over ClickHouse's HTTP interface with the admin account. */
  insertEvents(rows: EventRow[]): Promise<void>;
  /**
   * Sends one pageview of `pathname` to the site through the real edge, as the tracker in a visitor's Chrome
   * would (or in the browser `userAgent` names).
   */
  sendPageview(siteId: number, pathname: string, userAgent?: string): Promise<void>;
  /**
   * Sends one visit's events (in order, a second apart in the tracker's queue) to the site through the real
   * edge, as the tracker in the browser `userAgent` names would: another user agent, another visitor.
   */
  sendVisit(siteId: number, events: VisitEvent[], userAgent?: string): Promise<void>;
  /** Runs a statement (with `body` as its data) over ClickHouse's HTTP interface with the admin account. */
  clickhouse(statement: string, body?: string): Promise<void>;
  /** POSTs JSON to the API through the edge as the owner; the answer must be `status`. */
  post<T>(path: string, body: unknown, status?: number): Promise<T>;
  /** The owner signed in to the panel at `path` (under the admin URL, or a whole URL), in a context of its own. */
  ownerPage(path: string, options?: PageOptions): Promise<Page>;
  /** axe-core over the page as it is now: no serious or critical violation of its accessibility rules. */
  assertAccessible(page: Page, what: string): Promise<void>;
  /** `path` in a context of its own that never signed in (a shared link's visitor). */
  visitorPage(path: string, options?: PageOptions): Promise<Page>;
  /**
   * The open page at another screen width or colour scheme, for a view that lives in the tab only (the Ask
   * page's answers, an opened history) and would be lost in a new page.
   */
  restyle(page: Page, options: { width: number; dark: boolean }): Promise<void>;
  /** Nothing in the page is wider than the screen (a table too wide scrolls inside its card). */
  assertFits(page: Page): Promise<void>;
  /** A full-page screenshot to docs/screenshots/`name`-`width`-light|dark.png, checked with `assertFits`. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

const OWNER_PASSWORD = 'the owner’s own password';

/** A visitor's desktop Chrome, as the edge reads its user agent. */
export const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The browser window's height at every width (screenshots are of the whole page, however long). */
const SCREEN_HEIGHT = 900;

/** axe-core's browser build, evaluated in the page (CDP's evaluation is not subject to the panel's CSP). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function assertAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => JSON.stringify(node.target))
          .join(', ')}`,
    );
  assert.deepEqual(serious, [], `${what}: axe-core finds no serious or critical violation`);
}

/** Nothing in the page is wider than its screen; else names what sticks out. */
async function assertFits(page: Page): Promise<void> {
  const width = page.viewportSize()?.width;
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  if (overflow !== 0) {
    // Names what sticks out: the outermost elements past the screen's right edge, outside boxes that scroll.
    const wide = await page.evaluate(`(() => {
      const past = (e) => e.getBoundingClientRect().right > innerWidth;
      const scrolls = (e) => e && e !== document.body && (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX) || scrolls(e.parentElement));
      // An absolutely placed box (text for screen readers) is placed by its positioned ancestor, which may be
      // outside the box that scrolls it: such a box past the edge is named too.
      const placed = (e) => ['absolute', 'fixed'].includes(getComputedStyle(e).position);
      return [...document.body.querySelectorAll('*')]
        .filter((e) => past(e) && ((!past(e.parentElement) && !scrolls(e.parentElement)) || placed(e)))
        .slice(0, 5)
        .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + e.textContent.slice(0, 40));
    })()`);
    assert.fail(
      `nothing wider than the ${width} px screen: ${overflow} px more, from ${JSON.stringify(wide)}`,
    );
  }
}

export async function startPanelHarness(name: string): Promise<PanelHarness> {
  const { dataDir, settings, stack } = await startTestStack(`panel-${name}`);

  async function post<T>(path: string, body: unknown, status = 200, token?: string): Promise<T> {
    const response = await fetch(`${stack.adminUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, status, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }

  // The owner `npm start` created replaces the printed one-time password.
  const [, ownerEmail, oneTime] =
    /created: (\S+) with the one-time password (\S+)/.exec(stack.ownerNotice ?? '') ?? [];
  assert.ok(oneTime, `npm start shows the owner's one-time password: ${stack.ownerNotice}`);
  const first = await post<{ accessToken: string }>('/auth/login', { email: ownerEmail, password: oneTime });
  await post(
    '/auth/password',
    { currentPassword: oneTime, newPassword: OWNER_PASSWORD },
    200,
    first.accessToken,
  );
  const { accessToken: token } = await post<{ accessToken: string }>('/auth/login', {
    email: ownerEmail,
    password: OWNER_PASSWORD,
  });
  const browser = await launchChromium();

  async function clickhouse(statement: string, body?: string): Promise<void> {
    const { url, database, admin } = settings.clickhouse;
    const response = await fetch(`${url}/?${new URLSearchParams({ query: statement, database })}`, {
      method: 'POST',
      headers: { 'x-clickhouse-user': admin.username, 'x-clickhouse-key': admin.password },
      body,
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function sendVisit(siteId: number, events: VisitEvent[], userAgent = CHROME): Promise<void> {
    const site = readSites(dataPaths(settings).sitesFile).find(({ id }) => id === siteId);
    assert.ok(site, `site ${siteId} is in the sites file the edge reads`);
    const origin = `https://${site.domain}`;
    const session = randomUUID();
    const response = await fetch(`${stack.edgeUrl}/telemetry/e`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        origin,
        'user-agent': userAgent,
      },
      body: JSON.stringify({
        s: site.key,
        // Queued in order: the first the oldest (`a`, its age in ms), as the tracker's queue sends them.
        e: events.map(({ name, pathname, props }, index) => ({
          id: randomUUID(),
          n: name,
          u: `${origin}${pathname}`,
          r: '',
          sid: session,
          a: (events.length - 1 - index) * 1000,
          ...(props && { p: props }),
        })),
      }),
    });
    assert.equal(response.status, 204, await response.text());
  }

  const sendPageview = (siteId: number, pathname: string, userAgent = CHROME) =>
    sendVisit(siteId, [{ name: 'pageview', pathname }], userAgent);

  const sizes = new WeakMap<Page, { width: number; dark: boolean }>();
  async function visitorPage(
    path: string,
    { width = 1280, dark = false, locale = PANEL_LOCALE }: PageOptions = {},
  ): Promise<Page> {
    const page = await browser.newPage({
      locale,
      viewport: { width, height: SCREEN_HEIGHT },
      colorScheme: dark ? 'dark' : 'light',
    });
    sizes.set(page, { width, dark });
    await page.goto(path.startsWith('http') ? path : `${stack.adminUrl}${path}`);
    return page;
  }
  return {
    stack,
    settings,
    browser,
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
    token,
    clickhouse,
    sendPageview,
    sendVisit,
    insertEvents: (rows) =>
      clickhouse('INSERT INTO events FORMAT JSONEachRow', rows.map((row) => JSON.stringify(row)).join('\n')),
    post: (path, body, status = 200) => post(path, body, status, token),
    visitorPage,
    async ownerPage(path, options = {}) {
      const page = await visitorPage(path, options);
      await page.getByLabel('Email').fill(ownerEmail);
      await page.getByLabel('Password').fill(OWNER_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      return page;
    },
    assertAccessible,
    async restyle(page, { width, dark }) {
      await page.setViewportSize({ width, height: SCREEN_HEIGHT });
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      sizes.set(page, { width, dark });
    },
    assertFits,
    async screenshot(page, name) {
      const { width, dark } = sizes.get(page) ?? { width: 1280, dark: false };
      await assertFits(page);
      await page.screenshot({
        path: join(REPO_ROOT, 'docs', 'screenshots', `${name}-${width}-${dark ? 'dark' : 'light'}.png`),
        fullPage: true,
      });
    },
    async stop() {
      await browser.close();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
