/**
 * `npm run vendor:bots -w edge`: turns isbot's pattern (the devDependency's pinned version) into
 * `lua/sluice/data/bot_patterns.lua`, the crawler list `lua/sluice/bots.lua` matches.
 * `test/bot-patterns.test.ts` regenerates and compares, so the committed file can't go stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getPattern, list } from 'isbot';
import { luaString } from './lua-source';

export const BOT_PATTERNS_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  'lua',
  'sluice',
  'data',
  'bot_patterns.lua',
);

export function renderBotPatterns(): string {
  const pkg = JSON.parse(
    readFileSync(join(dirname(require.resolve('isbot/package.json')), 'package.json'), 'utf8'),
  ) as {
    version: string;
    license: string;
  };
  // isbot matches its list as one case-insensitive alternation; JavaScript and PCRE read every
  // construct it uses alike (classes, \b, fixed-length lookbehinds). The edge splits it in two:
  // the entries anchored at the start, which PCRE then tries at the first byte only, and the rest.
  // Measured over the corpora's 936 browser user agents (none match, so every branch is tried), two
  // patterns cost 11.6 µs a user agent, one alternation 14.0 µs, one call per entry 12.2 µs.
  const pattern = getPattern();
  if (pattern.flags !== 'i')
    throw new Error(`isbot's pattern has flags ${pattern.flags}; the edge applies only "i"`);
  const anchored = list.filter((entry) => entry.startsWith('^'));
  const unanchored = list.filter((entry) => !entry.startsWith('^'));
  return [
    `-- Generated from isbot ${pkg.version} (${pkg.license}, LICENSES/isbot.txt): its list of patterns of`,
    '-- crawlers, monitors, HTTP libraries and headless browsers, by edge/src/vendor/bot-patterns.ts',
    '-- (`npm run vendor:bots -w edge`). Do not edit: bump the package and regenerate.',
    'return {',
    `    version = ${luaString(pkg.version)},`,
    '    -- Each matched with ngx.re.find(ua, pattern, "joi"), compiled once per worker; a user agent',
    '    -- matching either is a bot. Each entry keeps its own group, so its "^" anchors it alone.',
    `    anchored = ${luaString(alternation(anchored))},`,
    `    unanchored = ${luaString(alternation(unanchored))},`,
    '}',
    '',
  ].join('\n');
}

/** Entries as one alternation, each in a group of its own. */
const alternation = (entries: string[]) => entries.map((entry) => `(?:${entry})`).join('|');

if (require.main === module) {
  writeFileSync(BOT_PATTERNS_FILE, renderBotPatterns());
  console.log(`wrote ${BOT_PATTERNS_FILE}`);
}
