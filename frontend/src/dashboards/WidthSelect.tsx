import { WIDGET_WIDTHS } from './dashboards-data';

export type WidgetWidth = (typeof WIDGET_WIDTHS)[number];

interface WidthSelectProps {
  label: string;
  /** Whether the label is read by screen readers only (a widget's own controls). */
  hideLabel?: boolean;
  value: number;
  disabled?: boolean;
  onChange: (width: WidgetWidth) => void;
}

/** How many of the dashboard grid's columns a widget spans. */
export function WidthSelect({ label, hideLabel, value, disabled, onChange }: WidthSelectProps) {
  return (
    <label className="field">
      <span className={hideLabel ? 'visually-hidden' : undefined}>{label}</span>
      <select
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(Number(event.target.value) as WidgetWidth)}
      >
        {WIDGET_WIDTHS.map((width) => (
          <option key={width} value={width}>
            {width === 1 ? '1 column' : `${width} columns`}
          </option>
        ))}
      </select>
    </label>
  );
}
