import { withFrom, withTo, type DateRange } from './date-range';

interface DateRangePickerProps {
  range: DateRange;
  /** The latest day that can be picked (today, in the site's zone). */
  max: string;
  onChange: (range: DateRange) => void;
}

export function DateRangePicker({ range, max, onChange }: DateRangePickerProps) {
  // A cleared input reports '': keep the previous date rather than sending an empty one.
  const pick = (date: string, set: (range: DateRange, date: string) => DateRange) => {
    if (date) onChange(set(range, date));
  };
  return (
    <fieldset className="date-range">
      <legend>Dates</legend>
      <label className="field">
        From
        <input
          type="date"
          required
          value={range.from}
          max={max}
          onChange={(event) => pick(event.target.value, withFrom)}
        />
      </label>
      <label className="field">
        To
        <input
          type="date"
          required
          value={range.to}
          max={max}
          onChange={(event) => pick(event.target.value, withTo)}
        />
      </label>
    </fieldset>
  );
}
