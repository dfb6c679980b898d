import { createHash } from 'node:crypto';
import { sampleEventRow, type EventRow } from '@sluice/config';
import type { Page } from 'playwright-core';

/**
 * A customer's plans page and a week of its visitors' clicks, for the heatmap's pictures in the docs: the
 * clicks land where the page's own buttons and links are at each width (measured in Chromium, not assumed),
 * spread around them as real pointers are, most on the plan people choose. The other tests' few seeded
 * clicks, each with a known cell, make a poor picture.
 */
export const PLANS_PATH = '/plans';

/** The week the showcase's visits fall in, as the panel's URL names it. */
export const SHOWCASE_WEEK = 'period=custom&from=2026-11-17&to=2026-11-23';

export const PLANS_HTML = `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>Plans</title><style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2330;background:#f7f8fb}
header{display:flex;gap:24px;align-items:center;padding:14px 32px;background:#0f3d5e;color:#fff}
header strong{margin-right:auto;font-size:20px}
header a{color:#dbe8f5;text-decoration:none}
.hero{text-align:center;padding:48px 24px 24px}
.hero h1{margin:0 0 8px;font-size:36px}
.plans{display:flex;gap:24px;justify-content:center;padding:16px 24px 48px;flex-wrap:wrap}
.plan{width:280px;padding:24px;border-radius:12px;background:#fff;box-shadow:0 1px 4px #0002}
.plan h2{margin:0}.plan .price{font-size:32px;font-weight:700;margin:8px 0}
.plan ul{padding-left:20px;min-height:120px}
.plan button{width:100%;font:inherit;padding:10px;border-radius:8px;border:1px solid #e8590c;background:#fff;color:#e8590c}
.plan.pro{outline:3px solid #e8590c}.plan.pro button{background:#e8590c;color:#fff}
.faq{max-width:720px;margin:0 auto;padding:0 24px 48px}
.faq summary{padding:12px 0;border-bottom:1px solid #d5dae3;cursor:pointer}
footer{display:flex;gap:24px;justify-content:center;padding:24px;background:#e9edf3}
footer a{color:#3a4a5e}
@media (max-width:600px){header{gap:12px;padding:12px 16px;font-size:14px}.hero h1{font-size:28px}.plan{width:100%}}
</style></head><body>
<header><strong>Shop</strong><a href="/features">Features</a><a href="/plans">Plans</a><a href="/docs">Docs</a>
<a id="sign-in" href="/sign-in">Sign in</a></header>
<section class="hero"><h1>Plans for every team</h1><p>Start free for 14 days. Change or cancel any time.</p></section>
<section class="plans">
<div class="plan"><h2>Starter</h2><div class="price">€9</div><ul><li>1 site</li><li>10k events a month</li><li>Email support</li></ul><button id="starter">Start with Starter</button></div>
<div class="plan pro"><h2>Pro</h2><div class="price">€29</div><ul><li>10 sites</li><li>1M events a month</li><li>Funnels and heatmaps</li><li>Priority support</li></ul><button id="pro">Start with Pro</button></div>
<div class="plan"><h2>Business</h2><div class="price">€99</div><ul><li>Unlimited sites</li><li>20M events a month</li><li>SSO and audit log</li></ul><button id="business">Talk to sales</button></div>
</section>
<section class="faq"><h2>Questions</h2>
<details><summary id="faq-trial">What happens after the trial?</summary><p>You choose a plan or your data waits 30 days.</p></details>
<details><summary id="faq-switch">Can I switch plans?</summary><p>Any time, prorated.</p></details>
<details><summary id="faq-invoice">Do you send invoices?</summary><p>Every month, by email.</p></details>
</section>
<footer><a id="privacy" href="/privacy">Privacy</a><a id="terms" href="/terms">Terms</a><a id="contact" href="/contact">Contact</a></footer>
</body></html>`;

/**
 * Each clickable element of the page, how many of a hundred clicks it draws, and for a row as wide as the
 * page, how far from its left edge they land (`reach`, px).
 */
const TARGETS: Array<{ selector: string; weight: number; reach?: number }> = [
  { selector: '#pro', weight: 34 },
  { selector: '#starter', weight: 14 },
  { selector: '#business', weight: 8 },
  { selector: 'header a[href="/features"]', weight: 6 },
  { selector: 'header a[href="/docs"]', weight: 5 },
  { selector: '#sign-in', weight: 9 },
  { selector: '#faq-trial', reach: 260, weight: 10 },
  { selector: '#faq-switch', reach: 260, weight: 6 },
  { selector: '#faq-invoice', reach: 260, weight: 3 },
  { selector: '#privacy', weight: 1 },
  { selector: '#terms', weight: 1 },
  { selector: '#contact', weight: 3 },
];

/** A small seeded generator (mulberry32), so every run draws the same picture. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Box {
  selector: string;
  tag: string;
  id: string;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where each target is on `page` (the plans page, just opened at the width its clicks are for, so not scrolled:
 * its boxes in the window are in page pixels).
 */
async function measure(page: Page): Promise<Box[]> {
  return Promise.all(
    TARGETS.map(async ({ selector, reach }) => {
      const target = page.locator(selector);
      const box = (await target.boundingBox())!;
      return {
        selector,
        tag: await target.evaluate((element) => element.tagName.toLowerCase()),
        id: (await target.getAttribute('id')) ?? '',
        text: (await target.innerText()).trim(),
        x: box.x,
        y: box.y,
        // A question's row spans the page; people click its words, at its start.
        width: Math.min(box.width, reach ?? box.width),
        height: box.height,
      };
    }),
  );
}

/** The element's key as the edge makes it: 16 hex digits of MD5(tag, selector, text). */
const fingerprint = (box: Box) =>
  createHash('md5').update(`${box.tag}\0${box.selector}\0${box.text}`).digest('hex').slice(0, 16);

/**
 * `visits` visits of the plans page at `width`, spread over the showcase week from `seed`: each a pageview,
 * one to three clicks on the targets (about the element's centre, as pointers land) and how far it scrolled.
 */
export async function showcaseRows(
  page: Page,
  { siteId, width, visits, seed }: { siteId: number; width: number; visits: number; seed: number },
): Promise<EventRow[]> {
  const boxes = await measure(page);
  const next = random(seed);
  const totalWeight = TARGETS.reduce((sum, target) => sum + target.weight, 0);
  const pick = () => {
    let left = next() * totalWeight;
    return boxes.find((_, index) => (left -= TARGETS[index].weight) < 0) ?? boxes[0];
  };
  // Two uniform draws averaged: most clicks near the middle of the element, a few at its edges.
  const around = (start: number, size: number) => Math.round(start + size * ((next() + next()) / 2));
  const rows: EventRow[] = [];
  for (let visit = 0; visit < visits; visit++) {
    const session = `plans-${width}-${visit}`;
    const start = Date.UTC(2026, 10, 17, 6) + Math.floor(next() * 6 * 86_400_000);
    const at = (seconds: number) =>
      new Date(start + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const common = {
      site_id: siteId,
      session_id: session,
      visitor_id: `visitor-${session}`,
      pathname: PLANS_PATH,
    };
    rows.push(sampleEventRow({ ...common, ts: at(0) }));
    const clicks = 1 + Math.floor(next() * 3);
    for (let index = 0; index < clicks; index++) {
      const box = pick();
      rows.push(
        sampleEventRow({
          ...common,
          ts: at(10 + index * 7),
          name: '$autocapture',
          click_x: around(box.x, box.width),
          click_y: around(box.y, box.height),
          viewport_width: width,
          el_tag: box.tag,
          el_id: box.id,
          el_text: box.text,
          el_selector: box.selector,
          el_fingerprint: fingerprint(box),
        }),
      );
    }
    rows.push(
      sampleEventRow({
        ...common,
        ts: at(40),
        name: '$engagement',
        scroll_depth: 25 * (1 + Math.floor(next() * 4)),
      }),
    );
  }
  return rows;
}
