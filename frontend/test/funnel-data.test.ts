import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { FunnelReport, FunnelStepResult } from '../src/funnels/api.js';
import type { Goal } from '../src/overview/api.js';
import {
  blankStep,
  describeStep,
  draftProblem,
  funnelErrorText,
  funnelOptionChanges,
  funnelStepLines,
  funnelValueLines,
  parseFunnelOptions,
  suggestedFunnels,
  windowLabel,
} from '../src/funnels/funnel-data.js';
import { encodeFunnelStep } from '../../config/src/funnel-link.js';

test('a step in words: an action by its name where known, an event with its property; a new step is a blank page', () => {
  const names = new Map([['00000000000000a1', 'Add to cart']]);
  assert.deepEqual(
    [
      describeStep({ kind: 'page', match: '/pricing', propertyKey: null, propertyValue: null }),
      describeStep(
        { kind: 'action', match: '00000000000000a1', propertyKey: null, propertyValue: null },
        names,
      ),
      describeStep(
        { kind: 'action', match: '00000000000000b2', propertyKey: null, propertyValue: null },
        names,
      ),
      describeStep({ kind: 'event', match: 'signup', propertyKey: null, propertyValue: null }),
      describeStep({ kind: 'event', match: 'signup', propertyKey: 'plan', propertyValue: 'pro' }),
    ],
    [
      'Pageview of /pricing',
      'Action Add to cart',
      'Action 00000000000000b2',
      'Event signup',
      'Event signup where plan is pro',
    ],
  );
  assert.deepEqual(blankStep(), { kind: 'page', match: '', propertyKey: null, propertyValue: null });
});

test('a conversion window by its name, or as a duration when a link carries another', () => {
  assert.deepEqual(
    [windowLabel(1800), windowLabel(604_800), windowLabel(5400)],
    ['30 minutes', '7 days', '1h 30m'],
  );
});

test('a funnel link: steps in order, window and breakdown; defaults and junk left out', () => {
  const search = new URLSearchParams('step=page:/&step=event:signup&window=3600&by=country&period=30d');
  const options = parseFunnelOptions(search);
  assert.deepEqual(options, {
    steps: [
      { kind: 'page', match: '/', propertyKey: null, propertyValue: null },
      { kind: 'event', match: 'signup', propertyKey: null, propertyValue: null },
    ],
    window: 3600,
    dimension: 'country',
  });
  assert.deepEqual(parseFunnelOptions(new URLSearchParams('window=0&by=nothing')), {
    steps: [],
    window: 1800,
    dimension: undefined,
  });
  assert.deepEqual(funnelOptionChanges({ ...options, window: 1800, dimension: undefined }), {
    step: ['page:/', 'event:signup'],
    window: undefined,
    by: undefined,
  });
});

test('a draft says which step is missing what', () => {
  const page = { kind: 'page' as const, match: '/', propertyKey: null, propertyValue: null };
  assert.equal(draftProblem([page]), 'A funnel has at least 2 steps.');
  assert.equal(draftProblem([page, { ...page, kind: 'event', match: ' ' }]), 'Step 2: enter an event name.');
  assert.equal(draftProblem([page, { ...page, kind: 'action', match: '' }]), 'Step 2: choose an action.');
  assert.match(
    draftProblem([page, { ...page, kind: 'event', match: 'x', propertyKey: '' }]) ?? '',
    /^Step 2: enter the property/,
  );
  assert.equal(draftProblem([page, page]), undefined);
});

test("the API's 400 names the step in words", () => {
  assert.equal(
    funnelErrorText('steps[1].match: an action is an element fingerprint, 16 lower-case hex digits'),
    'Step 2 (match): an action is an element fingerprint, 16 lower-case hex digits',
  );
  assert.equal(
    funnelErrorText('steps[0]: must be an object {"kind","match"}'),
    'Step 1: must be an object {"kind","match"}',
  );
  assert.equal(funnelErrorText('window must be an integer'), 'window must be an integer');
});

const result = (
  step: number,
  visitors: number,
  fromStart: number,
  fromPrevious: number,
  dropOff: number,
  median: number | null,
): FunnelStepResult => ({
  step,
  kind: step === 1 ? 'page' : 'event',
  match: step === 1 ? '/' : 'signup',
  propertyKey: null,
  propertyValue: null,
  visitors,
  conversionFromStart: fromStart,
  conversionFromPrevious: fromPrevious,
  dropOff,
  medianSecondsFromPrevious: median,
  meanSecondsFromPrevious: median,
});

test('funnel bars: visitors, conversions, drop-off, median time and the previous period', () => {
  const report: FunnelReport = {
    siteId: 1,
    from: '2026-11-10',
    to: '2026-11-16',
    timezone: 'UTC',
    window: 1800,
    steps: [result(1, 5, 100, 100, 0, null), result(2, 2, 40, 40, 3, 90)],
    comparison: {
      from: '2026-11-03',
      to: '2026-11-09',
      steps: [result(1, 2, 100, 100, 0, null), result(2, 0, 0, 0, 2, null)],
    },
    dimension: 'country',
    breakdown: [
      {
        value: 'DE',
        steps: [result(1, 3, 100, 100, 0, null), result(2, 2, 66.67, 66.67, 1, 90)],
        comparison: null,
      },
      {
        value: '',
        steps: [result(1, 2, 100, 100, 0, null), result(2, 0, 0, 0, 2, null)],
        comparison: [result(1, 1, 100, 100, 0, null), result(2, 1, 100, 100, 0, 5)],
      },
    ],
  };
  assert.deepEqual(
    funnelStepLines(report, new Map(), 'en-US').map((line) => [
      line.label,
      line.visitors,
      line.bar,
      line.fromStart,
      line.fromPrevious,
      line.dropOff,
      line.medianTime,
      line.comparison,
    ]),
    [
      [
        'Pageview of /',
        '5',
        100,
        '100.0%',
        undefined,
        undefined,
        undefined,
        { visitors: '2', bar: 100, fromStart: '100.0%', change: '+150%' },
      ],
      [
        'Event signup',
        '2',
        40,
        '40.0%',
        '40.0%',
        '3',
        '1m 30s',
        { visitors: '0', bar: 0, fromStart: '0.0%', change: '—' },
      ],
    ],
  );
  assert.deepEqual(
    funnelValueLines(report.breakdown ?? [], 'country', 'en-US').map((line) => [
      line.label,
      line.entered,
      line.completed,
      line.conversion,
      line.previousConversion,
    ]),
    [
      ['Germany', '3', '2', '66.7%', '—'],
      ['(not set)', '2', '0', '0.0%', '100.0%'],
    ],
  );
});

test('suggested funnels: the top page to each goal (not to itself, nor a scroll goal), then along the top three pages; none without pages', () => {
  const goal = (name: string, kind: Goal['kind'], match: string, property?: [string, string]) => ({
    id: 1,
    siteId: 1,
    name,
    kind,
    match,
    propertyKey: property?.[0] ?? null,
    propertyValue: property?.[1] ?? null,
    scrollDepth: kind === 'scroll' ? 75 : null,
    createdAt: '2026-11-01T00:00:00Z',
  });
  const goals = [
    goal('Home', 'page', '/'),
    goal('Read the blog', 'scroll', '/blog/**'),
    goal('Saw pricing', 'page', '/pricing'),
    goal('Pro signup', 'event', 'signup', ['plan', 'pro']),
  ];
  const funnels = suggestedFunnels(['/', '/pricing', '/docs', '/blog'], goals);
  assert.deepEqual(
    funnels.map((funnel) => [funnel.label, funnel.steps.map(encodeFunnelStep)]),
    [
      ['/ → Saw pricing', ['page:/', 'page:/pricing']],
      ['/ → Pro signup', ['page:/', 'event:signup:plan:pro']],
      ['/ → /pricing → /docs', ['page:/', 'page:/pricing', 'page:/docs']],
    ],
  );
  assert.deepEqual(suggestedFunnels(['/'], []), []);
  assert.deepEqual(suggestedFunnels([], goals), []);
  assert.equal(
    suggestedFunnels(
      ['/a', '/b'],
      [1, 2, 3, 4, 5].map((n) => goal(`G${n}`, 'event', `e${n}`)),
    ).length,
    4,
  );
});
