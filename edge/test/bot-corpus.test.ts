/**
 * Bots by public corpora: every crawler instance `crawler-user-agents` lists and every desktop and
 * mobile browser user agent of the `user-agents` package, through sluice.bots (Lua, outside nginx)
 * and a sample of each through the real edge. The figures are printed; isbot's misses are reported,
 * never patched into the vendored data.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import crawlers from 'crawler-user-agents';
import { EdgeHarness, SITE } from './edge-harness';

const EDGE_DIR = join(__dirname, '..', '..');
/** The share of crawler instances the edge must flag or drop. */
const CRAWLERS_CAUGHT = 0.98;
/** Every how many user agents the real edge is sent one (the module sees them all). */
const NGINX_SAMPLE_EVERY = { crawler: 20, browser: 10 };

const crawlerAgents = [...new Set(crawlers.flatMap((crawler) => crawler.instances))].filter(oneLine);

interface BrowserProfile {
  userAgent: string;
  deviceCategory: string;
}

/**
 * The package's data, not its random generator: every desktop and mobile profile (its few tablets are
 * left out as the brief asks). It holds no bots: the package builds its list with isbot's help and
 * marks none.
 */
const browserAgents = [
  ...new Set(
    (
      JSON.parse(
        readFileSync(join(dirname(require.resolve('user-agents')), 'user-agents.json'), 'utf8'),
      ) as BrowserProfile[]
    )
      .filter((profile) => profile.deviceCategory === 'desktop' || profile.deviceCategory === 'mobile')
      .map((profile) => profile.userAgent),
  ),
].filter(oneLine);

function oneLine(ua: string): boolean {
  return ua !== '' && !/[\r\n]/.test(ua);
}

/** sluice.bots' reason for each user agent ('-' for none), from LuaJIT outside nginx. */
function moduleReasons(agents: string[]): string[] {
  const output = execFileSync('luajit', ['spec/bot_reasons.lua'], {
    cwd: EDGE_DIR,
    input: `${agents.join('\n')}\n`,
  });
  const reasons = output.toString('utf8').split('\n').slice(0, -1);
  assert.equal(reasons.length, agents.length);
  return reasons;
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;

test('the module flags at least 98% of the crawler corpus, and no real browser', () => {
  const crawlerReasons = moduleReasons(crawlerAgents);
  const missed = crawlerAgents.filter((_, i) => crawlerReasons[i] === '-');
  const caught = crawlerAgents.length - missed.length;
  console.log(
    `crawler-user-agents: ${caught} of ${crawlerAgents.length} instances flagged (${percent(caught, crawlerAgents.length)}); missed:\n  ${missed.join('\n  ')}`,
  );
  assert.ok(
    caught / crawlerAgents.length >= CRAWLERS_CAUGHT,
    `only ${percent(caught, crawlerAgents.length)} flagged`,
  );

  const browserReasons = moduleReasons(browserAgents);
  const flagged = browserAgents.filter((_, i) => browserReasons[i] !== '-');
  console.log(`user-agents: ${flagged.length} of ${browserAgents.length} browser user agents flagged`);
  assert.deepEqual(flagged, []);
});

let harness: EdgeHarness;
before(async () => {
  harness = new EdgeHarness();
  const unlimited = { perSecond: 1_000_000, burst: 1_000_000 };
  await harness.start({ rateLimit: unlimited });
});
after(async () => {
  assert.deepEqual(harness.errorLines(), []);
  await harness.stop();
});

/** One beacon per user agent, each with a browser's headers; the rows' is_bot by user agent. */
async function edgeVerdicts(agents: string[]): Promise<number[]> {
  for (const [i, ua] of agents.entries()) {
    const response = await harness.post(
      { s: SITE.key, e: [{ n: `corpus-${i}`, u: `https://${SITE.domain}/` }] },
      { 'user-agent': ua, accept: '*/*', 'accept-language': 'en-US,en;q=0.9' },
    );
    assert.equal(response.status, 204);
  }
  const rows = await harness.newRows(agents.length);
  return rows.map((row) => row.is_bot);
}

const sample = <T>(items: T[], every: number) => items.filter((_, i) => i % every === 0);

test('the real edge agrees on a sample: crawlers written as bots, browsers as people', async () => {
  const crawlerSample = sample(crawlerAgents, NGINX_SAMPLE_EVERY.crawler);
  const expected = moduleReasons(crawlerSample).map((reason) => (reason === '-' ? 0 : 1));
  assert.deepEqual(await edgeVerdicts(crawlerSample), expected);
  const caught = expected.filter((flag) => flag === 1).length;
  console.log(`through nginx: ${caught} of ${crawlerSample.length} sampled crawler instances flagged`);

  const browserSample = sample(browserAgents, NGINX_SAMPLE_EVERY.browser);
  assert.deepEqual(await edgeVerdicts(browserSample), new Array<number>(browserSample.length).fill(0));
  console.log(`through nginx: 0 of ${browserSample.length} sampled browser user agents flagged`);
});
