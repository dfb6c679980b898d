import { sparklinePaths } from './sparkline-paths';

interface SparklineProps {
  /** Each bucket's value, oldest first; those after `through` are yet to come and are not drawn. */
  values: number[];
  /** The index of the last bucket drawn (the one under way): the line stops there, the rest of the width waits. */
  through?: number;
  /** What the line shows, for screen readers. */
  label: string;
}

/** A small line of a series without axes, for a figure's trend at a glance (a site's visitors on the Sites page). */
export function Sparkline({ values, through, label }: SparklineProps) {
  const { line, area } = sparklinePaths(values, through);
  return (
    <svg className="sparkline" viewBox="0 0 100 32" preserveAspectRatio="none" role="img" aria-label={label}>
      <path className="sparkline-area" d={area} />
      <path className="sparkline-line" d={line} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
