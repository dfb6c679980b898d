import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its table is wider than the screen (a phone), with a shadow at each edge
 * that has more to see. It takes the keyboard's focus and is named, so people who don't use a pointer can
 * scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({
  className,
  label,
  children,
}: {
  className: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <div className={`scroll-region ${className}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
