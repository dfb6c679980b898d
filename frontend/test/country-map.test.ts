import assert from 'node:assert/strict';
import { test } from 'vitest';
import { breakdownLines } from '../src/overview/breakdown-data.js';
import { MAP_SHADES, mapCountries, offTheMap } from '../src/overview/country-map-data.js';
import { worldMap } from '../src/overview/world-map.js';

const row = (value: string, visitors: number) => ({ value, metrics: { visitors }, comparison: null });

test("countries' shades: the most visitors the darkest, a square-root scale below, none without visitors", () => {
  const lines = breakdownLines(
    [row('US', 10_000), row('DE', 2_500), row('FR', 100), row('IS', 1), row('XX', 0)],
    'country',
    '',
    'visitors',
  );
  const { countries, most } = mapCountries(lines);
  assert.equal(most, 10_000, "the legend's top");
  assert.deepEqual(
    [...countries].map(([code, { label, visitors, shade }]) => [code, label, visitors, shade]),
    [
      ['US', 'United States', 10_000, MAP_SHADES],
      // A quarter of the most: half the shades on a square-root scale.
      ['DE', 'Germany', 2_500, MAP_SHADES / 2],
      ['FR', 'France', 100, 1],
      ['IS', 'Iceland', 1, 1],
    ],
  );
  assert.equal(countries.has('XX'), false, 'a country without visitors is left unshaded');
  assert.equal(mapCountries([]).countries.size, 0);
});

test('the world map: a shape per country under the codes the geo lookup gives, without Antarctica', () => {
  const { width, height, shapes } = worldMap();
  assert.equal(width, 960);
  assert.ok(
    height > 350 && height < 500,
    `a world without Antarctica is about half as high as wide: ${height}`,
  );
  const codes = new Set(shapes.map(({ code }) => code));
  assert.ok(shapes.length >= 170, `${shapes.length} shapes`);
  for (const code of ['US', 'DE', 'IN', 'BR', 'AU', 'JP', 'ZA', 'XK', 'SO', 'CY'])
    assert.ok(codes.has(code), code);
  assert.equal(codes.has('AQ'), false, 'Antarctica is left off');
  for (const { code, d } of shapes) {
    assert.match(code, /^[A-Z]{2}$/);
    assert.match(d, /^M[\d.,LMZ-]+Z$/, `${code}'s path is plain moves and lines`);
  }
  assert.equal(worldMap(), worldMap(), 'projected once');
});

test('countries the map cannot draw are listed under it, most visitors first: too small, or not known', () => {
  const lines = breakdownLines(
    [row('DE', 50), row('SG', 35), row('', 12), row('HK', 20), row('MT', 0)],
    'country',
    '',
    'visitors',
  );
  const { codes } = worldMap();
  assert.deepEqual(
    offTheMap(lines, codes).map(({ value, label, visitors }) => [value, label, visitors]),
    [
      ['SG', 'Singapore', 35],
      ['HK', 'Hong Kong SAR China', 20],
      ['', '(not set)', 12],
    ],
  );
});
