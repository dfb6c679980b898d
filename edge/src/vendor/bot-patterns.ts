/**
 * `npm run vendor:bots -w edge`: turns isbot's pattern (the devDependency's pinned version) into
 * `lua/sluice/data/bot_patterns.lua`, the crawler list `lua/sluice/bots.lua` matches.
 * `test/bot-patterns.test.ts` regenerates and compares, so the committed file can't go stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getPattern } from 'isbot';
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
  // isbot's own RegExp: its list joined into one alternation, which it matches case-insensitively.
  // JavaScript and PCRE read every construct it uses alike (classes, \b, fixed-length lookbehinds).
  const pattern = getPattern();
  if (pattern.flags !== 'i')
    throw new Error(`isbot's pattern has flags ${pattern.flags}; the edge applies only "i"`);
  return [
    `-- Generated from isbot ${pkg.version} (${pkg.license}, LICENSES/isbot.txt): its pattern of crawlers,`,
    '-- monitors, HTTP libraries and headless browsers, by edge/src/vendor/bot-patterns.ts',
    '-- (`npm run vendor:bots -w edge`). Do not edit: bump the package and regenerate.',
    'return {',
    `    version = ${luaString(pkg.version)},`,
    '    -- One alternation, compiled once per worker and matched with ngx.re.find(ua, pattern, "joi").',
    `    pattern = ${luaString(pattern.source)},`,
    '}',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(BOT_PATTERNS_FILE, renderBotPatterns());
  console.log(`wrote ${BOT_PATTERNS_FILE}`);
}
