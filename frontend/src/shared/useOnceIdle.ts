import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * False until no query of the panel is under way, then true for good: for what a page may show a moment after
 * its numbers (the current visitors, the chart's annotations), asked without taking one of HTTP/1.1's six
 * connections to the panel, nor a share of the server's two cores, while the cards' own queries run.
 */
export function useOnceIdle(): boolean {
  const othersDone = useIsFetching() === 0;
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (othersDone) setIdle(true);
  }, [othersDone]);
  return idle;
}
