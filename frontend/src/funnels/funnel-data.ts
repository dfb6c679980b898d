import {
  DEFAULT_FUNNEL_WINDOW_SECONDS,
  encodeFunnelStep,
  MAX_FUNNEL_STEPS,
  MIN_FUNNEL_STEPS,
  parseFunnelLink,
} from '../../../config/src/funnel-link.js';
import { formatMetric } from '../overview/overview-data.js';
import { formatChange, formatCount, formatDuration } from '../shared/format.js';
import { DIMENSION_LABELS, valueLabel, type Dimension } from '../reports/dimension-labels.js';
import type { Goal } from '../overview/api.js';
import type { FunnelBreakdownRow, FunnelReport, FunnelStep, FunnelStepResult } from './api.js';

/** The conversion windows offered, in seconds, with their names; a link may carry any other. */
export const WINDOWS: [number, string][] = [
  [300, '5 minutes'],
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [86_400, '1 day'],
  [604_800, '7 days'],
];

export const windowLabel = (seconds: number) =>
  WINDOWS.find(([candidate]) => candidate === seconds)?.[1] ?? formatDuration(seconds);

export interface FunnelOptions {
  steps: FunnelStep[];
  window: number;
  dimension: Dimension | undefined;
}

/**
 * The funnel a URL stands for: its steps and window (config/src/funnel-link.ts, the format saved views are
 * answered from too) and breakdown (`by=`).
 */
export function parseFunnelOptions(search: URLSearchParams): FunnelOptions {
  const { steps, window } = parseFunnelLink(search);
  const by = search.get('by');
  return {
    steps: steps.slice(0, MAX_FUNNEL_STEPS),
    window,
    dimension: by && by in DIMENSION_LABELS ? (by as Dimension) : undefined,
  };
}

/** The URL's page options for a funnel: defaults left out, so links stay short. */
export function funnelOptionChanges(options: FunnelOptions) {
  return {
    step: options.steps.map(encodeFunnelStep),
    window: options.window === DEFAULT_FUNNEL_WINDOW_SECONDS ? undefined : String(options.window),
    by: options.dimension,
  };
}

const pageStep = (match: string): FunnelStep => ({
  kind: 'page',
  match,
  propertyKey: null,
  propertyValue: null,
});

export const blankStep = () => pageStep('');

/** A funnel offered on the empty funnels page, shown with one click. */
export interface SuggestedFunnel {
  label: string;
  steps: FunnelStep[];
}

/** How many funnels are offered, goals' first. */
const SUGGESTED_FUNNELS = 4;

/**
 * Funnels that show data at once on a site nobody built one for yet: from its most visited page to each of
 * its goals, then through its top pages in their order (the first three). `pages` most visited first.
 */
export function suggestedFunnels(pages: string[], goals: Goal[]): SuggestedFunnel[] {
  const [entry] = pages;
  if (entry === undefined) return [];
  const toGoals = goals
    // A scroll goal is no funnel step (steps are pageviews and events).
    .filter(
      (goal): goal is Goal & { kind: 'page' | 'event' } =>
        goal.kind !== 'scroll' && !(goal.kind === 'page' && goal.match === entry),
    )
    .map((goal) => ({
      label: `${entry} → ${goal.name}`,
      steps: [
        pageStep(entry),
        {
          kind: goal.kind,
          match: goal.match,
          propertyKey: goal.propertyKey,
          propertyValue: goal.propertyValue,
        },
      ],
    }));
  const throughPages = pages.slice(0, 3);
  const alongPages =
    throughPages.length >= MIN_FUNNEL_STEPS
      ? [{ label: throughPages.join(' → '), steps: throughPages.map(pageStep) }]
      : [];
  return [...toGoals, ...alongPages].slice(0, SUGGESTED_FUNNELS);
}

/** What a step counts, in words: "Pageview of /pricing", "Event signup where plan is pro", an action's name. */
export function describeStep(step: FunnelStep, actionNames: ReadonlyMap<string, string> = new Map()): string {
  switch (step.kind) {
    case 'page':
      return `Pageview of ${step.match}`;
    case 'action':
      return `Action ${actionNames.get(step.match) || step.match}`;
    case 'event':
      return step.propertyKey === null
        ? `Event ${step.match}`
        : `Event ${step.match} where ${step.propertyKey} is ${step.propertyValue ?? ''}`;
  }
}

/** Why a drafted funnel can't be asked for yet, in words; undefined when it can. */
export function draftProblem(steps: FunnelStep[]): string | undefined {
  if (steps.length < MIN_FUNNEL_STEPS) return `A funnel has at least ${MIN_FUNNEL_STEPS} steps.`;
  const empty = steps.findIndex(
    (step) => step.match.trim() === '' || (step.propertyKey !== null && step.propertyKey.trim() === ''),
  );
  if (empty >= 0)
    return steps[empty].match.trim() === ''
      ? `Step ${empty + 1}: ${steps[empty].kind === 'page' ? 'enter a page' : steps[empty].kind === 'event' ? 'enter an event name' : 'choose an action'}.`
      : `Step ${empty + 1}: enter the property's name, or untick "with a property".`;
  return undefined;
}

/**
 * The API's 400 for a funnel, with its field in words: `steps[1].match: …` reads "Step 2 (match): …",
 * `window: …` reads "Conversion window: …".
 */
export function funnelErrorText(message: string): string {
  return message
    .replace(/^steps\[(\d+)\]\.?(\w*): /, (_, index: string, field: string) =>
      field ? `Step ${Number(index) + 1} (${field}): ` : `Step ${Number(index) + 1}: `,
    )
    .replace(/^window: /, 'Conversion window: ')
    .replace(/^dimension: /, 'Breakdown: ')
    .replace(/^steps: /, 'Steps: ');
}

export interface FunnelStepLine {
  step: number;
  label: string;
  visitors: string;
  /** The bar's length: percent of the entrants, unrounded. */
  bar: number;
  fromStart: string;
  /** From the previous step and the time it took: none on step 1. */
  fromPrevious: string | undefined;
  dropOff: string | undefined;
  medianTime: string | undefined;
  comparison: { visitors: string; bar: number; fromStart: string; change: string } | undefined;
}

const percent = (value: number, locale?: string) => formatMetric('conversion_rate', value, locale);

const barOf = (result: FunnelStepResult, first: FunnelStepResult | undefined) =>
  first && first.visitors > 0 ? (result.visitors / first.visitors) * 100 : 0;

/** The funnel's bars: every step's visitors, conversions, drop-off and median time, and the comparison's. */
export function funnelStepLines(
  report: FunnelReport,
  actionNames?: ReadonlyMap<string, string>,
  locale?: string,
): FunnelStepLine[] {
  const compared = report.comparison?.steps;
  return report.steps.map((result, index) => {
    const before = compared?.[index];
    return {
      step: result.step,
      label: describeStep(result, actionNames),
      visitors: formatCount(result.visitors, locale),
      bar: barOf(result, report.steps[0]),
      fromStart: percent(result.conversionFromStart, locale),
      fromPrevious: index === 0 ? undefined : percent(result.conversionFromPrevious, locale),
      dropOff: index === 0 ? undefined : formatCount(result.dropOff, locale),
      medianTime:
        index === 0
          ? undefined
          : result.medianSecondsFromPrevious === null
            ? '—'
            : formatDuration(result.medianSecondsFromPrevious, locale),
      comparison: before && {
        visitors: formatCount(before.visitors, locale),
        bar: barOf(before, compared[0]),
        fromStart: percent(before.conversionFromStart, locale),
        change: formatChange(
          before.visitors === 0 ? null : ((result.visitors - before.visitors) / before.visitors) * 100,
          locale,
        ),
      },
    };
  });
}

export interface FunnelValueLine {
  value: string;
  label: string;
  entered: string;
  completed: string;
  conversion: string;
  /** The same value's conversion in the comparison period ("—" where it had no entrants then). */
  previousConversion: string;
}

/** A breakdown's table: each value's entrants, those who completed, and its conversion then and before. */
export function funnelValueLines(
  rows: FunnelBreakdownRow[],
  dimension: Dimension,
  locale?: string,
): FunnelValueLine[] {
  return rows.map((row) => {
    const last = row.steps[row.steps.length - 1];
    const before = row.comparison?.[row.comparison.length - 1];
    return {
      value: row.value,
      label: valueLabel(dimension, row.value),
      entered: formatCount(row.steps[0]?.visitors ?? 0, locale),
      completed: formatCount(last?.visitors ?? 0, locale),
      conversion: percent(last?.conversionFromStart ?? 0, locale),
      previousConversion: before ? percent(before.conversionFromStart, locale) : '—',
    };
  });
}
