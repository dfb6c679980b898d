import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderUapRules, UAP_RULES_FILE } from '../src/vendor/uap-rules';
import { requiredLiterals } from '../src/vendor/required-literal';

// The committed Lua rules are exactly what the pinned uap-core compiles to: bumping the package
// without `npm run vendor:uap -w edge`, or editing the generated file by hand, fails here.
test('lua/sluice/data/uap_rules.lua is what the pinned uap-core generates', () => {
  assert.equal(readFileSync(UAP_RULES_FILE, 'utf8'), renderUapRules());
});

test('the generated file names its source, version and licence, and keeps every rule in order', () => {
  const lua = readFileSync(UAP_RULES_FILE, 'utf8');
  assert.match(
    lua.split('\n')[0],
    /^-- Generated from uap-core 0\.18\.0 \(Apache-2\.0, LICENSES\/uap-core\.txt\)/,
  );
  const counts = ['user_agent', 'os', 'device'].map((list) => {
    const body = lua.slice(
      lua.indexOf(`    ${list} = {`),
      lua.indexOf('\n    },', lua.indexOf(`    ${list} = {`)),
    );
    return body.split('\n').filter((line) => line.includes('regex = ')).length;
  });
  assert.deepEqual(counts, [350, 197, 628]);
  assert.match(
    lua,
    /\{ regex = "\(Windows NT 10\\\\\.0\)", options = "jo", requires = \{ \{ "windows nt 10\.0" \} \}/,
  );
  assert.match(
    lua,
    /options = "joi", requires = \{ \{ "hiptop", "avantgo", "plucker", "xiino", "blazer", "elaine" \} \}/,
  );
});

test('a required substring reads through plain groups and stops at anything optional', () => {
  const cases: Array<[string, string[][] | undefined]> = [
    ['(luakit)', [['luakit']]],
    ['(GeoEvent Server) (\\d+)(?:\\.(\\d+)|)', [['geoevent server ']]],
    ['Microsoft Outlook (?:Mail )?16\\.\\d+', [['microsoft outlook ']]],
    ['Version/(\\d+)\\.(\\d+) Mobile/\\w+ Safari/', [['version/']]],
    ['x{0,3}abc? d+ef', [['ab']]],
    ['(?!Windows)Phone', [['phone']]],
    ['[^;]+', undefined],
    ['^.{0,200}$', undefined],
  ];
  for (const [pattern, literals] of cases) assert.deepEqual(requiredLiterals(pattern), literals, pattern);
});

test('an alternation every match must pass through gives one substring per alternative', () => {
  const cases: Array<[string, string[][] | undefined]> = [
    ['AspiegelBot|PetalBot', [['aspiegelbot', 'petalbot']]],
    ['(Tab|Pad)(\\d)', [['tab', 'pad']]],
    ['[Ss]pider|[Cc][Rr][Aa][Ww][Ll]', [['spider', 'crawl']]],
    // An empty alternative proves nothing, so the group gives nothing and the run decides.
    ['(Chrome)(?:/(\\d+)|)', [['chrome']]],
    ['(?:Kindle|)Fire', [['fire']]],
    ['Foo|\\d+', undefined],
    // Lua lower-cases ASCII only, so a substring with other bytes could never compare alike.
    ['(Seznam prohlížeč)', undefined],
  ];
  for (const [pattern, literals] of cases) assert.deepEqual(requiredLiterals(pattern), literals, pattern);
});

test('every requirement a pattern proves is kept, strongest first, at most three', () => {
  const cases: Array<[string, string[][] | undefined]> = [
    ['Android.{0,100}(?:Tab|Pad)', [['android'], ['tab', 'pad']]],
    ['; (A\\d+)(?: Build|\\) AppleWebKit)', [[' build', ') applewebkit'], ['; a']]],
    [
      '; {0,2}(A651|A701B?|A702)(?: Build|\\) AppleWebKit)',
      [[' build', ') applewebkit'], ['a651', 'a701', 'a702'], [';']],
    ],
    [
      '(Aa|Bb)(Cc|Dd)(Ee|Ff)(Gg|Hh)',
      [
        ['aa', 'bb'],
        ['cc', 'dd'],
        ['ee', 'ff'],
      ],
    ],
  ];
  for (const [pattern, literals] of cases) assert.deepEqual(requiredLiterals(pattern), literals, pattern);
});
