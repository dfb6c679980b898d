import { useState } from 'react';
import { formatCount } from './format';

/** How many rows a long list shows at first, and how many more each "Show more" adds. */
const STEP = 25;

/** The number of a list's rows shown, and a way to show more. */
export function useShownRows(): { count: number; more: () => void } {
  const [count, setCount] = useState(STEP);
  return { count, more: () => setCount((shown) => shown + STEP) };
}

interface ShowMoreProps {
  shown: number;
  total: number;
  /** What the rows are: "pages", "actions". */
  what: string;
  onMore: () => void;
}

/**
 * Under a list cut at its first rows (a site has hundreds of pages): how many are shown, and a button for the
 * next ones. Nothing once every row is shown.
 */
export function ShowMore({ shown, total, what, onMore }: ShowMoreProps) {
  if (shown >= total) return null;
  return (
    <p className="show-more">
      <span>
        {formatCount(shown)} of {formatCount(total)} {what} shown.
      </span>
      <button type="button" className="link-button" onClick={onMore}>
        Show {formatCount(Math.min(STEP, total - shown))} more
      </button>
    </p>
  );
}
