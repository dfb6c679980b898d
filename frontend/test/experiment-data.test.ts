import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  chanceToBeat,
  credibleInterval,
  experimentLines,
  experimentPeriod,
  experimentRange,
  experimentVerdict,
  formatChance,
  intervalAxis,
} from '../src/flags/experiment-data.js';

const variantsFlag = {
  variants: [
    { key: 'control', weight: 50 },
    { key: 'one-step', weight: 50 },
  ],
};
const row = (variant: string, visitors: number, conversions: number) => ({
  variant,
  visitors,
  conversions,
  conversionRate: visitors === 0 ? 0 : Math.round((10_000 * conversions) / visitors) / 100,
});

test('the chance to beat the control: even for equal counts, as the normal approximation of two Beta beliefs', () => {
  const even = chanceToBeat({ visitors: 1000, conversions: 100 }, { visitors: 1000, conversions: 100 })!;
  assert.ok(Math.abs(even - 0.5) < 1e-6, String(even));
  // z = (121/1002 − 101/1002) / √(var + var) ≈ 1.44 by hand: Φ ≈ 0.925.
  const better = chanceToBeat({ visitors: 1000, conversions: 100 }, { visitors: 1000, conversions: 120 })!;
  assert.ok(Math.abs(better - 0.925) < 0.005, String(better));
  const worse = chanceToBeat({ visitors: 1000, conversions: 120 }, { visitors: 1000, conversions: 100 })!;
  assert.ok(Math.abs(better + worse - 1) < 1e-9, 'the two sides of one question');
  assert.equal(chanceToBeat({ visitors: 0, conversions: 0 }, { visitors: 10, conversions: 1 }), undefined);
  assert.deepEqual(
    [formatChance(0.9249, 'en-US'), formatChance(0.99995, 'en-US'), formatChance(0.0001, 'en-US')],
    ['92%', '> 99.9%', '< 0.1%'],
  );
});

test("an experiment's lines: the flag's variants in order, zeros for one unread, outsiders apart", () => {
  const lines = experimentLines(
    [row('control', 1000, 100), row('false', 40, 2), row('one-step', 1000, 120)],
    { variants: [...variantsFlag.variants, { key: 'two-step', weight: 0 }] },
    'en-US',
  );
  assert.deepEqual(
    lines.map((line) => [
      line.label,
      line.isControl,
      line.visitors,
      line.conversions,
      line.rate,
      line.uplift,
      line.chance,
    ]),
    [
      ['control', true, '1,000', '100', '10.0%', undefined, undefined],
      ['one-step', false, '1,000', '120', '12.0%', '+20%', '92%'],
      ['two-step', false, '0', '0', '0.0%', undefined, undefined],
      ['Outside the rollout', false, '40', '2', '5.0%', undefined, undefined],
    ],
  );
  assert.equal(lines[0].markedControl, false, 'a control named control needs no mark');
  assert.deepEqual(
    lines.map((line) => line.share),
    [83.3, 100, 0, 41.7],
    'bars by rate, the highest whole',
  );
  const onOff = experimentLines([row('true', 10, 5), row('false', 10, 2)], { variants: [] }, 'en-US');
  assert.deepEqual(
    onOff.map((line) => [line.label, line.isControl, line.markedControl, line.uplift]),
    [
      ['Off', true, true, undefined],
      ['On', false, false, '+150%'],
    ],
    'without variants: off is the control, and marked so',
  );
});

test("each rate's 95% credible interval: the belief's mean ± 1.96 deviations, within 0–100, on a round axis", () => {
  // 100 of 1,000: a = 101, b = 901, mean 0.10080, sd √(a·b / ((a+b)²(a+b+1))) = 0.009506 → 8.22 – 11.94 %.
  const { low, high } = credibleInterval({ visitors: 1000, conversions: 100 })!;
  assert.ok(Math.abs(low - 8.217) < 0.01 && Math.abs(high - 11.943) < 0.01, `${low} – ${high}`);
  // None converted: the range starts at 0, not below; none read: no range.
  assert.equal(credibleInterval({ visitors: 50, conversions: 0 })!.low, 0);
  assert.ok(credibleInterval({ visitors: 50, conversions: 50 })!.high <= 100);
  assert.equal(credibleInterval({ visitors: 0, conversions: 0 }), undefined);

  const lines = experimentLines(
    [row('control', 1000, 100), row('false', 40, 30), row('one-step', 1000, 120)],
    variantsFlag,
    'en-US',
  );
  assert.deepEqual(
    lines.map((line) => line.intervalText),
    ['8.2 – 11.9%', '10.1 – 14.1%', '60.7 – 87.0%'],
  );
  assert.equal(lines[1].interval?.rate, 12);
  // The axis reaches past the highest end of the experiment's values; outsiders are no part of it.
  assert.deepEqual(intervalAxis(lines.slice(0, 2), 'en-US'), {
    top: 15,
    ticks: ['0%', '5%', '10%', '15%'],
  });
  assert.deepEqual(
    intervalAxis(
      lines.slice(0, 2).map((line) => ({ ...line, interval: undefined })),
      'en-US',
    ),
    {
      top: 1,
      ticks: ['0%', '0.2%', '0.4%', '0.6%', '0.8%', '1%'],
    },
  );
});

test('the verdict: too few, nothing to compare, or the likely best and how likely', () => {
  assert.equal(
    experimentVerdict([row('control', 1000, 100), row('one-step', 1000, 120)], variantsFlag),
    'one-step leads control. Chance it converts better: 92%.',
  );
  assert.equal(
    experimentVerdict([row('control', 1000, 120), row('one-step', 1000, 100)], variantsFlag),
    'control leads. Chance that one-step, the closest, converts better: 8%.',
  );
  assert.equal(
    experimentVerdict([row('control', 2, 1), row('one-step', 400, 3)], variantsFlag),
    'Too few visitors to tell yet: at least 100 under each value, and control has 2.',
  );
  assert.equal(
    experimentVerdict([row('one-step', 400, 3), row('false', 50, 1)], variantsFlag),
    'Nothing to compare yet: the control and another value must each be read by a visitor.',
  );
});

test("an experiment's days: from the flag's day in the site's zone to today, at most a year", () => {
  assert.deepEqual(
    experimentRange({ createdAt: '2026-11-30T23:30:00.000Z' }, '2026-12-07', 'Europe/Berlin', 'made'),
    {
      from: '2026-12-01',
      to: '2026-12-07',
    },
  );
  assert.deepEqual(experimentRange({ createdAt: '2024-01-01T00:00:00.000Z' }, '2026-12-07', 'UTC', 'made'), {
    from: '2025-12-07',
    to: '2026-12-07',
  });
  assert.deepEqual(
    experimentRange({ createdAt: '2026-12-06T00:00:00.000Z' }, '2026-12-07', 'UTC', '30d'),
    { from: '2026-11-08', to: '2026-12-07' },
    "a period's days, as the report toolbar reads them, the flag's age aside",
  );
  assert.deepEqual(
    [experimentPeriod('made'), experimentPeriod('5y'), experimentPeriod(null)],
    ['made', '30d', '30d'],
    'the last 30 days unless the URL names another period',
  );
});
