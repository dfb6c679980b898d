import { formatChange } from '../shared/format.js';
import type { Goal, OverviewReport } from './api.js';
import { formatMetric } from './overview-data.js';

export interface GoalLine {
  id: number;
  name: string;
  conversions: string;
  rate: string;
  /** The conversions' change against the comparison period: undefined without one, "—" against none then. */
  change: string | undefined;
}

/** The goals card's rows: most conversions first, then by name. */
export function goalLines(goals: { goal: Goal; overview: OverviewReport }[], locale?: string): GoalLine[] {
  return [...goals]
    .sort(
      (a, b) =>
        (b.overview.metrics.conversions ?? 0) - (a.overview.metrics.conversions ?? 0) ||
        a.goal.name.localeCompare(b.goal.name),
    )
    .map(({ goal, overview }) => ({
      id: goal.id,
      name: goal.name,
      conversions: formatMetric('conversions', overview.metrics.conversions, locale),
      rate: formatMetric('conversion_rate', overview.metrics.conversion_rate, locale),
      change: overview.change ? formatChange(overview.change.conversions, locale) : undefined,
    }));
}
