import { intervalAxis, type ExperimentLine } from './experiment-data';

/** A position on the axis, in percent of its width (the SVG's viewBox is 100 wide). */
const at = (value: number, top: number) => (top > 0 ? (value / top) * 100 : 0);

/**
 * Each value's rate and where it lies with 95 % belief, on one axis, the control's range shaded across every
 * row (PostHog's "conversion rate with credible interval"): a range clear of the control's is a value told
 * apart from it. The same numbers are in the table's "95% interval" column, so the drawing is for the eye.
 */
export function ExperimentIntervals({ lines }: { lines: ExperimentLine[] }) {
  const shown = lines.filter((line) => !line.outside && line.interval);
  if (shown.length < 2) return null;
  const { top, ticks } = intervalAxis(shown);
  const control = shown.find((line) => line.isControl)?.interval;
  return (
    <figure className="experiment-intervals">
      <figcaption>Conversion rate, and where it lies with 95% belief</figcaption>
      <div className="experiment-intervals-grid" aria-hidden="true">
        {shown.map(({ variant, label, isControl, interval }) => (
          <div key={variant} className="experiment-interval-row">
            <span className="experiment-interval-label">{label}</span>
            <svg
              className={isControl ? 'experiment-interval is-control' : 'experiment-interval'}
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              focusable="false"
            >
              {ticks.map((_, index) => (
                <rect
                  key={index}
                  className="experiment-interval-line"
                  x={(index / (ticks.length - 1)) * 100 - 0.1}
                  width="0.2"
                  height="10"
                />
              ))}
              {control && (
                <rect
                  className="experiment-interval-band"
                  x={at(control.low, top)}
                  width={at(control.high - control.low, top)}
                  height="10"
                />
              )}
              {interval && (
                <>
                  <rect
                    className="experiment-interval-range"
                    x={at(interval.low, top)}
                    width={Math.max(0.5, at(interval.high - interval.low, top))}
                    y="4"
                    height="2"
                  />
                  <rect
                    className="experiment-interval-rate"
                    x={at(interval.rate, top) - 0.4}
                    width="0.8"
                    y="1.5"
                    height="7"
                  />
                </>
              )}
            </svg>
          </div>
        ))}
        <div className="experiment-interval-row">
          <span />
          <div className="experiment-interval-ticks">
            {ticks.map((tick) => (
              <span key={tick}>{tick}</span>
            ))}
          </div>
        </div>
      </div>
    </figure>
  );
}
