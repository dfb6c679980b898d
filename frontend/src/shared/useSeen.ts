import { useEffect, useRef, useState } from 'react';

/**
 * How far below (or above) the window a part counts as seen: it starts loading just before it scrolls in.
 */
const AHEAD = '150px';

/**
 * Whether the element `ref` holds has come within AHEAD of the window; once it has, it stays seen.
 * The overview's lower cards load as they scroll in, as Plausible's do: the cards in view are not kept
 * waiting behind queries for cards nobody has looked at (2 cores answer a page of them at once).
 * Where the browser has no IntersectionObserver, everything counts as seen at once.
 */
export function useSeen<T extends Element>() {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (seen || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: `${AHEAD} 0px ${AHEAD} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return { ref, seen };
}
