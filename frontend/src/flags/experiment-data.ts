import { periodDays, shiftDays, VIEW_PERIOD_LABELS } from '../../../config/src/view-periods.js';
import { todayIn, type DateRange } from '../date-range/date-range.js';
import { barShare } from '../shared/bar-share.js';
import { valueAxisSplits, valueAxisTop } from '../shared/chart-scale.js';
import {
  formatChange,
  formatCount,
  formatDecimal,
  formatPercent,
  formatWholePercent,
  numberFormat,
} from '../shared/format.js';
import type { ExperimentVariant, FeatureFlag } from './api.js';

/** Fewer visitors than this under a value, and its numbers are said to be too few to tell anything yet. */
export const ENOUGH_VISITORS = 100;

/** The longest an experiment's range runs back: the API's longest range. */
const MAX_DAYS = 366;

/**
 * The days an experiment is read over: the last days of a period (30, the panel's everyday period, by default:
 * for a flag younger than that, every read of it), or since the flag was made.
 */
export const EXPERIMENT_PERIODS = ['7d', '30d', '12mo', 'made'] as const;
export type ExperimentPeriod = (typeof EXPERIMENT_PERIODS)[number];

export const EXPERIMENT_PERIOD_LABELS: Record<ExperimentPeriod, string> = {
  made: 'Since the flag was made',
  '7d': VIEW_PERIOD_LABELS['7d'],
  '30d': VIEW_PERIOD_LABELS['30d'],
  '12mo': VIEW_PERIOD_LABELS['12mo'],
};

/** The period the URL names (`period=`), the last 30 days by default. */
export const DEFAULT_EXPERIMENT_PERIOD: ExperimentPeriod = '30d';
export const experimentPeriod = (named: string | null): ExperimentPeriod =>
  EXPERIMENT_PERIODS.find((period) => period === named) ?? DEFAULT_EXPERIMENT_PERIOD;

/**
 * An experiment's days up to today (in the site's zone): from the day the flag was made (every read of it is
 * then in them, and none before it was one), at most a year back; or a period's, as the report toolbar reads it.
 */
export function experimentRange(
  flag: Pick<FeatureFlag, 'createdAt'>,
  today: string,
  timeZone: string,
  period: ExperimentPeriod,
): DateRange {
  if (period !== 'made') return periodDays(period, undefined, today);
  const made = todayIn(timeZone, new Date(flag.createdAt));
  const earliest = shiftDays(today, 1 - MAX_DAYS);
  return { from: made < earliest ? earliest : made > today ? today : made, to: today };
}

/** What closes a flag's results: its URL options gone (`flag=`, `goal=`, `period=`). */
export const RESULTS_CLOSED = { flag: undefined, goal: undefined, period: undefined };

/**
 * The value the others are measured against: a flag's first variant (its `control`), or off (`false`) for a
 * flag without variants, whose reads are `true` or `false`.
 */
export const controlOf = (flag: Pick<FeatureFlag, 'variants'>): string => flag.variants[0]?.key ?? 'false';

/** A flag with variants read as off: the visitor was outside its rollout, not in the experiment. */
const outsideRollout = (flag: Pick<FeatureFlag, 'variants'>, variant: string): boolean =>
  flag.variants.length > 0 && variant === 'false';

/** A value's row of the report, zeros where nobody read it. */
const rowOf = (rows: ExperimentVariant[], variant: string): ExperimentVariant =>
  rows.find((row) => row.variant === variant) ?? { variant, visitors: 0, conversions: 0, conversionRate: 0 };

/** The standard normal distribution's cumulative probability, by Abramowitz and Stegun's 7.1.26 (error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

type Counts = Pick<ExperimentVariant, 'visitors' | 'conversions'>;

/**
 * What the counts say of a value's rate, as the Bayesian A/B tests of PostHog and others state it: a
 * Beta(1 + conversions, 1 + visitors − conversions) belief from a flat prior, by its mean and variance.
 */
function belief({ visitors, conversions }: Counts) {
  const [a, b] = [1 + conversions, 1 + visitors - conversions];
  return { mean: a / (a + b), variance: (a * b) / ((a + b) ** 2 * (a + b + 1)) };
}

/**
 * The chance that `variant` converts better than `control`: that one belief exceeds the other, by the normal
 * approximation of both (exact enough from a few dozen visitors on). Undefined where either has no visitor.
 */
export function chanceToBeat(control: Counts, variant: Counts): number | undefined {
  if (control.visitors === 0 || variant.visitors === 0) return undefined;
  const [c, v] = [belief(control), belief(variant)];
  return normalCdf((v.mean - c.mean) / Math.sqrt(c.variance + v.variance));
}

/** The normal distribution's two-sided 95 % quantile. */
const Z_95 = 1.959964;

/**
 * Where a value's rate lies with 95 % belief, in percent (0–100): the belief's mean ± 1.96 standard deviations,
 * the normal approximation chanceToBeat uses; undefined without a visitor. Two values whose ranges barely
 * overlap are told apart; ranges that overlap most of their length are not yet.
 */
export function credibleInterval(counts: Counts): { low: number; high: number } | undefined {
  if (counts.visitors === 0) return undefined;
  const { mean, variance } = belief(counts);
  const half = Z_95 * Math.sqrt(variance);
  return { low: Math.max(0, mean - half) * 100, high: Math.min(1, mean + half) * 100 };
}

/** A chance in percent, whole, but never a certainty the counts cannot give (above 99.9 %, below 0.1 %). */
export function formatChance(chance: number, locale?: string): string {
  if (chance > 0.999) return `> ${formatPercent(99.9, locale)}`;
  if (chance < 0.001) return `< ${formatPercent(0.1, locale)}`;
  return formatWholePercent(chance * 100, locale);
}

export interface ExperimentLine {
  variant: string;
  /** The value as people read it: a variant's key, On or Off for a flag without variants. */
  label: string;
  isControl: boolean;
  /** The control named otherwise (Off, for one): its label says what it is. */
  markedControl: boolean;
  /** A flag with variants read as off: the visitor was outside its rollout, not in the experiment. */
  outside: boolean;
  visitors: string;
  conversions: string;
  rate: string;
  /** The rate's bar, in percent of the highest rate. */
  share: number;
  /** Against the control's rate: "+50%", "−12%"; none for the control, an outsider or without a rate to compare. */
  uplift?: string;
  /** Chance to beat the control (chanceToBeat), formatted; none where uplift has none. */
  chance?: string;
  /** The rate and its 95 % credible interval (credibleInterval), in percent; none without visitors. */
  interval?: { rate: number; low: number; high: number };
  /** The interval as read: "1.6 – 4.2%"; "—" without visitors. */
  intervalText: string;
}

/**
 * The experiment's rows: the flag's variants in its order (those nobody read yet with zeros), On and Off for a
 * flag without variants (Off, the control, first), and any other value read (a variant since removed, off
 * outside the rollout) after them.
 */
export function experimentLines(
  rows: ExperimentVariant[],
  flag: Pick<FeatureFlag, 'variants'>,
  locale?: string,
): ExperimentLine[] {
  const declared = flag.variants.length > 0 ? flag.variants.map(({ key }) => key) : ['false', 'true'];
  const values = [
    ...declared,
    ...rows.map((row) => row.variant).filter((value) => !declared.includes(value)),
  ];
  const control = controlOf(flag);
  const controlRow = rowOf(rows, control);
  const highest = Math.max(0, ...rows.map((row) => row.conversionRate));
  return values.map((variant) => {
    const row = rowOf(rows, variant);
    const isControl = variant === control;
    const outside = outsideRollout(flag, variant);
    const compared = !isControl && !outside && row.visitors > 0 && controlRow.conversionRate > 0;
    const chance = isControl || outside ? undefined : chanceToBeat(controlRow, row);
    const interval = credibleInterval(row);
    const label =
      flag.variants.length > 0
        ? outside
          ? 'Outside the rollout'
          : variant
        : variant === 'true'
          ? 'On'
          : 'Off';
    return {
      variant,
      label,
      isControl,
      markedControl: isControl && label !== 'control',
      outside,
      visitors: formatCount(row.visitors, locale),
      conversions: formatCount(row.conversions, locale),
      rate: formatPercent(row.conversionRate, locale),
      share: barShare(row.conversionRate, highest),
      uplift: compared
        ? formatChange((row.conversionRate / controlRow.conversionRate - 1) * 100, locale)
        : undefined,
      chance: chance === undefined ? undefined : formatChance(chance, locale),
      interval: interval && { rate: row.conversionRate, ...interval },
      intervalText: interval ? formatPercentRange(interval.low, interval.high, locale) : '—',
    };
  });
}

/** Two percentages as a range, "1.6 – 4.2%" (one decimal, as the rates). */
const formatPercentRange = (low: number, high: number, locale?: string) =>
  `${formatDecimal(low, 1, locale)} – ${formatPercent(high, locale)}`;

/** The axis of the rates' intervals: its top (a round percentage above the highest end) and its labelled lines. */
export function intervalAxis(lines: ExperimentLine[], locale?: string): { top: number; ticks: string[] } {
  const highest = Math.max(0, ...lines.flatMap((line) => (line.outside ? [] : [line.interval?.high ?? 0])));
  const top = valueAxisTop(highest, { ceiling: 100 });
  const tick = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return { top, ticks: valueAxisSplits(top).map((value) => tick.format(value / 100)) };
}

/**
 * The experiment in one sentence: the value most likely best, and how likely; or that there are too few
 * visitors to tell (fewer than ENOUGH_VISITORS under a value compared), or nothing to compare yet.
 */
export function experimentVerdict(rows: ExperimentVariant[], flag: Pick<FeatureFlag, 'variants'>): string {
  const control = rowOf(rows, controlOf(flag));
  const others = rows.filter((row) => row.variant !== control.variant && !outsideRollout(flag, row.variant));
  if (control.visitors === 0 || others.length === 0) {
    return 'Nothing to compare yet: the control and another value must each be read by a visitor.';
  }
  const few = [control, ...others].filter((row) => row.visitors < ENOUGH_VISITORS);
  if (few.length > 0) {
    return `Too few visitors to tell yet: at least ${ENOUGH_VISITORS} under each value, and ${few
      .map((row) => `${row.variant} has ${formatCount(row.visitors)}`)
      .join(', ')}.`;
  }
  const chances = others.map((row) => ({ row, chance: chanceToBeat(control, row) ?? 0 }));
  const best = chances.reduce((a, b) => (b.chance > a.chance ? b : a));
  return best.chance >= 0.5
    ? `${best.row.variant} leads ${control.variant}. Chance it converts better: ${formatChance(best.chance)}.`
    : `${control.variant} leads. Chance that ${best.row.variant}, the closest, converts better: ${formatChance(best.chance)}.`;
}
