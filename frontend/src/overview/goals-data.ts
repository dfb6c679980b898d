import { formatChange } from '../shared/format.js';
import type { Revenue } from '../shared/revenue.js';
import type { GoalConversion } from './api.js';
import { formatMetric } from './overview-data.js';

export interface GoalLine {
  id: number;
  name: string;
  conversions: string;
  rate: string;
  /** The conversions' change against the comparison period: undefined without one, "—" against none then. */
  change: string | undefined;
  /** An event goal's revenue, an amount per currency; none for a page goal or without revenue. */
  revenue: Revenue;
}

/** The goals card's rows: most conversions first, then by name. */
export function goalLines(goals: GoalConversion[], locale?: string): GoalLine[] {
  return [...goals]
    .sort(
      (a, b) =>
        (b.metrics.conversions ?? 0) - (a.metrics.conversions ?? 0) || a.goal.name.localeCompare(b.goal.name),
    )
    .map(({ goal, metrics, change, revenue }) => ({
      id: goal.id,
      name: goal.name,
      conversions: formatMetric('conversions', metrics.conversions, locale),
      rate: formatMetric('conversion_rate', metrics.conversion_rate, locale),
      change: change ? formatChange(change.conversions, locale) : undefined,
      revenue,
    }));
}
