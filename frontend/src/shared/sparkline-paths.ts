/** The sparkline's drawing box (Sparkline's viewBox): the line stays a stroke's width inside its top and bottom. */
const WIDTH = 100;
const HEIGHT = 32;
const MARGIN = 1.5;

/**
 * A series as SVG paths in a 100 × 32 box: the line through its values up to `through` (every one by default),
 * spread over the whole width as if all were drawn, and the area under it. A series of zeros lies on the bottom.
 */
export function sparklinePaths(
  values: number[],
  through = values.length - 1,
): { line: string; area: string } {
  const drawn = values.slice(0, Math.max(0, through + 1));
  if (drawn.length === 0) return { line: '', area: '' };
  const top = Math.max(...drawn);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const x = (index: number) => round(index * step);
  const y = (value: number) => round(HEIGHT - MARGIN - (top > 0 ? (value / top) * (HEIGHT - 2 * MARGIN) : 0));
  const points = drawn.map((value, index) => `${x(index)},${y(value)}`);
  const line = `M${points.join('L')}`;
  const area = `${line}L${x(drawn.length - 1)},${HEIGHT}L0,${HEIGHT}Z`;
  return { line, area };
}

const round = (n: number) => Math.round(n * 100) / 100;
