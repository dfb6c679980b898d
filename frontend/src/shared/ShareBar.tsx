/**
 * A row's bar behind its text, `share` percent (barShare) of the row long. Drawn in SVG: a rect's width is an
 * attribute, so a bar of any length needs no inline style, which the panel's CSP refuses.
 */
export function ShareBar({ share, className = 'row-bar' }: { share: number; className?: string }) {
  return (
    <svg className={className} aria-hidden="true" focusable="false">
      <rect width={`${share}%`} height="100%" />
    </svg>
  );
}
