import { createServer } from 'node:http';
import { freePort } from '@sluice/services';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The customer's domain as the browser sees it: a name, so a page's host is never the loopback address. */
export const CUSTOMER_HOST = 'shop.test';
/** Another domain of the same customer's site (cross-domain linking). */
export const CUSTOMER_SECOND_HOST = 'checkout.test';

/**
 * Debian's Chromium, headless, with every background connection off (this machine reaches no other host),
 * resolving the customer's domains to loopback. Playwright gives it a fresh temporary profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${CUSTOMER_HOST} 127.0.0.1, MAP ${CUSTOMER_SECOND_HOST} 127.0.0.1`,
    ],
  });
}

/**
 * A page that presents itself as a person's desktop Chromium of the same version. The headless build says
 * "HeadlessChrome" in its user agent, which the edge rightly flags as a bot, and reports leave bots out.
 */
export function personsPage(browser: Browser): Promise<Page> {
  return browser.newPage({
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`,
  });
}

/**
 * The panel's overview read to its end: each breakdown card scrolled into view, as they load once they come
 * near the window (the panel's useInView), until none waits to be seen and nothing in the page is loading.
 */
export async function everyCardDrawn(page: Page): Promise<void> {
  for (const card of await page.locator('.breakdowns > section').all()) await scrolledToLoad(card);
  await nothingLoading(page);
}

/** How often a card is scrolled to again when it still waits to be seen (scrolledToLoad). */
const SCROLL_ATTEMPTS = 10;

/**
 * A card scrolled to the window's middle until it no longer waits to be seen. Not Playwright's
 * scrollIntoViewIfNeeded, which first waits for the card's box to keep still: the cards above it grow as
 * they load, and on CI's loaded host one kept moving for its 30 s. A card moved out again before the
 * panel saw it in view is scrolled to again.
 */
async function scrolledToLoad(card: Locator): Promise<void> {
  const waiting = card.locator('.query-state-waiting');
  for (let attempt = 1; ; attempt++) {
    await card.evaluate((element) =>
      (element as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({
        block: 'center',
      }),
    );
    try {
      await waiting.waitFor({ state: 'detached', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === SCROLL_ATTEMPTS)
        throw new Error(`${String(error)}\n${await whereCardIs(card)}`, { cause: error });
    }
  }
}

/**
 * Where a card that never loaded stands against the window, and whether the page still draws frames: what
 * tells a card the panel never saw in view from a page the host starved of frames.
 */
async function whereCardIs(card: Locator): Promise<string> {
  return card.evaluate(
    (element) =>
      new Promise<string>((resolve) => {
        const { window } = globalThis as unknown as {
          window: {
            innerHeight: number;
            scrollY: number;
            requestAnimationFrame(callback: () => void): void;
            document: { visibilityState: string };
          };
        };
        const box = (
          element as unknown as { getBoundingClientRect(): { top: number; bottom: number } }
        ).getBoundingClientRect();
        const where = `card top ${box.top}, bottom ${box.bottom}; window ${window.innerHeight} high, scrolled ${window.scrollY}; ${window.document.visibilityState}`;
        const timer = setTimeout(() => resolve(`${where}; no frame drawn in 1 s`), 1_000);
        window.requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve(`${where}; frames drawn`);
        });
      }),
  );
}

/** Until no part of the page is loading, nor waits to be scrolled into view. */
export async function nothingLoading(page: Page): Promise<void> {
  // A function, not a string, for waitForFunction: a string is evaluated with eval, which the panel's CSP refuses.
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
    return document.querySelector('main [aria-busy="true"], main .query-state-waiting') === null;
  });
}

/**
 * The texts among `cells` that a line break splits inside a word ("Germa|ny"): each character's box is
 * compared with the one before it, and a new line between two letters, not at a space, is a broken word.
 */
export async function wordsBrokenMidWord(cells: Locator): Promise<string[]> {
  return cells.evaluateAll((elements) =>
    elements.flatMap((element) => {
      const text = element.firstChild;
      if (text === null || text.nodeType !== 3) return [];
      const content = text.textContent ?? '';
      const range = element.ownerDocument.createRange();
      const topOf = (index: number) => {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect().top;
      };
      for (let index = 1; index < content.length; index++) {
        const letters = content[index - 1].trim() !== '' && content[index].trim() !== '';
        if (letters && topOf(index) > topOf(index - 1) + 1) return [content];
      }
      return [];
    }),
  );
}

/**
 * Another site's page holding `html` (a shared link's embed code), open in `browser`: served from this machine on
 * an origin of its own (`localhost`, another site than the panel's 127.0.0.1), as Chromium lets no public page
 * frame a loopback address. `close` ends the page and its server.
 */
export async function hostPage(
  browser: Browser,
  html: string,
): Promise<{ page: Page; close(): Promise<void> }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html>${html}`);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const page = await browser.newPage();
  await page.goto(`http://localhost:${port}/`);
  return {
    page,
    async close() {
      await page.close();
      server.close();
    },
  };
}
