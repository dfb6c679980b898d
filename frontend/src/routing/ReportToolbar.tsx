import { DateRangePicker } from '../date-range/DateRangePicker';
import { todayIn, type DateRange } from '../date-range/date-range';
import {
  steppedDays,
  VIEW_COMPARISON_LABELS,
  VIEW_COMPARISONS,
  VIEW_PERIOD_LABELS,
  VIEW_PERIODS,
  type ViewComparison,
  type ViewPeriod,
} from '../../../config/src/view-periods.js';
import { formatDateRange } from '../shared/format';
import type { ReportView } from './report-view';
import type { ToolbarShortcut } from './period-keys';
import { ToolbarShortcuts } from './ToolbarShortcuts';

interface ReportToolbarProps {
  /** Whether the page draws a comparison period: the others offer none. */
  compared: boolean;
  view: ReportView;
  /** The dates the view covers now. */
  range: DateRange;
  timeZone: string;
  now: Date;
  onChange: (changes: Partial<ReportView>) => void;
}

/**
 * The period, arrows to the one before and after it, its dates when custom, and the comparison of a report view
 * (on pages that draw one); each also from the keyboard (ToolbarShortcuts).
 */
export function ReportToolbar({ compared, view, range, timeZone, now, onChange }: ReportToolbarProps) {
  const today = todayIn(timeZone, now);
  const shortcut = (pressed: Exclude<ToolbarShortcut, { kind: 'help' }>) => {
    if (pressed.kind === 'period') onChange({ period: pressed.period, custom: range });
    if (pressed.kind === 'compare' && compared)
      onChange({ comparison: view.comparison === 'none' ? 'previous' : 'none' });
    if (pressed.kind === 'step') {
      const days =
        pressed.step < 0
          ? steppedDays(view.period, range, -1, today)
          : steppedDays(view.period, range, 1, today);
      if (days) onChange({ period: 'custom', custom: days });
    }
  };
  return (
    <>
      {/* The period and its arrows wrap as one, the arrows beside it. */}
      <div className="period-field">
        <label className="field">
          Period
          <select
            value={view.period}
            // Custom starts from the dates shown, so switching to it changes nothing until a date is picked.
            onChange={(event) => onChange({ period: event.target.value as ViewPeriod, custom: range })}
          >
            {VIEW_PERIODS.map((period) => (
              <option key={period} value={period}>
                {VIEW_PERIOD_LABELS[period]}
              </option>
            ))}
          </select>
        </label>
        <PeriodSteps
          period={view.period}
          range={range}
          today={today}
          onStep={(custom) => onChange({ period: 'custom', custom })}
        />
      </div>
      {view.period === 'custom' && (
        <DateRangePicker range={range} max={today} onChange={(custom) => onChange({ custom })} />
      )}
      {compared && (
        <label className="field compare-field">
          Compare with
          <select
            value={view.comparison}
            onChange={(event) => onChange({ comparison: event.target.value as ViewComparison })}
          >
            {VIEW_COMPARISONS.map((comparison) => (
              <option key={comparison} value={comparison}>
                {VIEW_COMPARISON_LABELS[comparison]}
              </option>
            ))}
          </select>
        </label>
      )}
      <ToolbarShortcuts onShortcut={shortcut} />
    </>
  );
}

/** Moves the view to the days just before or after it (steppedDays), as custom dates: each step a link of its own. */
function PeriodSteps({
  period,
  range,
  today,
  onStep,
}: {
  period: ViewPeriod;
  range: DateRange;
  today: string;
  onStep: (days: DateRange) => void;
}) {
  return (
    <div className="period-steps" role="group" aria-label="Move the period">
      <StepButton direction="Earlier" days={steppedDays(period, range, -1, today)} onStep={onStep} />
      <StepButton direction="Later" days={steppedDays(period, range, 1, today)} onStep={onStep} />
    </div>
  );
}

/** One arrow, named with the days it moves to; disabled where there are none (nothing after today yet). */
function StepButton({
  direction,
  days,
  onStep,
}: {
  direction: 'Earlier' | 'Later';
  days: DateRange | undefined;
  onStep: (days: DateRange) => void;
}) {
  const name = `${direction}: ${days ? formatDateRange(days) : 'nothing after today yet'}`;
  return (
    <button
      type="button"
      aria-label={name}
      title={name}
      disabled={!days}
      onClick={() => days && onStep(days)}
    >
      {direction === 'Earlier' ? '‹' : '›'}
    </button>
  );
}
