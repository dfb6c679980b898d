import type { Goal, GoalConversion } from '../overview/api.js';
import type { BreakdownRow } from '../overview/api.js';
import { goalLines } from '../overview/goals-data.js';
import { formatMetric } from '../overview/overview-data.js';
import { formatChange, formatCount } from '../shared/format.js';
import type { Revenue } from '../shared/revenue.js';
import { valueLabel, type Dimension } from '../reports/dimension-labels.js';

/** Scroll depths a new scroll goal offers, as Plausible's: the quarters, and 75 % first. */
export const SCROLL_DEPTHS = [75, 50, 25, 90, 100] as const;

/**
 * What a goal counts, in words: "Pageview of /pricing/**", "Event signup where plan is pro", "Scrolled 75% of
 * /blog/**".
 */
export function describeGoal(
  goal: Pick<Goal, 'kind' | 'match' | 'propertyKey' | 'propertyValue' | 'scrollDepth'>,
): string {
  const what =
    goal.kind === 'page'
      ? `Pageview of ${goal.match}`
      : goal.kind === 'scroll'
        ? `Scrolled ${goal.scrollDepth ?? 100}% of ${goal.match}`
        : `Event ${goal.match}`;
  return goal.propertyKey === null
    ? what
    : `${what} where ${goal.propertyKey} is ${goal.propertyValue ?? ''}`;
}

export interface GoalSummary {
  goal: Goal;
  description: string;
  conversions: string;
  rate: string;
  /** Against the comparison period: undefined without one, "—" against nothing then. */
  conversionsChange: string | undefined;
  rateChange: string | undefined;
  revenue: Revenue;
}

/** The goals page's rows: the overview card's order and numbers, with each goal's change and revenue. */
export function goalSummaries(goals: GoalConversion[], locale?: string): GoalSummary[] {
  const byId = new Map(goals.map((entry) => [entry.goal.id, entry]));
  return goalLines(goals, locale).map((line) => {
    const { goal, change } = byId.get(line.id)!;
    return {
      goal,
      description: describeGoal(goal),
      conversions: line.conversions,
      rate: line.rate,
      conversionsChange: line.change,
      rateChange: change ? formatChange(change.conversion_rate, locale) : undefined,
      revenue: line.revenue,
    };
  });
}

export interface ConversionLine {
  value: string;
  label: string;
  visitors: string;
  conversions: string;
  rate: string;
  revenue: Revenue;
}

/** A goal's breakdown rows that converted, most conversions first (then most visitors), formatted. */
export function conversionLines(
  rows: BreakdownRow[],
  dimension: Dimension,
  locale?: string,
): ConversionLine[] {
  return rows
    .filter((row) => (row.metrics.conversions ?? 0) > 0)
    .sort(
      (a, b) =>
        (b.metrics.conversions ?? 0) - (a.metrics.conversions ?? 0) ||
        (b.metrics.visitors ?? 0) - (a.metrics.visitors ?? 0),
    )
    .map((row) => ({
      value: row.value,
      label: valueLabel(dimension, row.value),
      visitors: formatCount(row.metrics.visitors ?? 0, locale),
      conversions: formatCount(row.metrics.conversions ?? 0, locale),
      rate: formatMetric('conversion_rate', row.metrics.conversion_rate, locale),
      revenue: row.revenue,
    }));
}

/** The goal chosen in the URL (`goal=<id>`), if it is one of the site's. */
export function chosenGoal(goals: Goal[], option: string | null): Goal | undefined {
  return goals.find((goal) => String(goal.id) === option);
}
