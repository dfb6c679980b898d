import { useLayoutEffect, useRef, useState } from 'react';

/**
 * How far below (or above) the window a part counts as in view: it starts loading just before it scrolls in.
 */
const AHEAD_PX = 150;

/**
 * Whether the element `ref` holds is within AHEAD_PX of the window now. The overview's lower cards ask for
 * their numbers only while in view: on first load, as they scroll in (as Plausible's do), and after a
 * filter or range change, when they scroll back in (until then they keep the old numbers, dimmed). The
 * cards in view are not kept waiting behind queries for cards nobody is looking at: 2 cores answer a page
 * of them at once (a filter change asked for all eight cards of the page once it had been read to its end).
 * Where the browser has no IntersectionObserver, everything counts as in view.
 *
 * A part already in view when it mounts asks at once: the observer's first answer comes a frame or more
 * later, after the page's first paint (the overview's breakdown cards asked 20-100 ms after its metrics).
 */
export function useInView<T extends Element>() {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    if (isWithinWindow(element.getBoundingClientRect())) setInView(true);
    const observer = new IntersectionObserver(
      (entries) => setInView(entries[entries.length - 1].isIntersecting),
      { rootMargin: `${AHEAD_PX}px 0px ${AHEAD_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, inView };
}

/** Whether `rect` is within AHEAD_PX of the window, as the observer's margin counts it. */
const isWithinWindow = (rect: DOMRect) =>
  rect.bottom > -AHEAD_PX && rect.top < window.innerHeight + AHEAD_PX && rect.width > 0;
