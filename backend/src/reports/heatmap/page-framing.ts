/**
 * Whether a page may be shown in the admin panel's frame, from its answer's headers: the panel draws a
 * heatmap over the page itself only where the site lets the panel frame it, and over an outline otherwise.
 * Pure, so every header combination is a unit test.
 */

export const FRAMING_VERDICTS = [
  'framable',
  'pattern',
  'x_frame_options',
  'frame_ancestors',
  'redirect',
  'unavailable',
  'unreachable',
] as const;
export type FramingVerdict = (typeof FRAMING_VERDICTS)[number];

export interface PageAnswer {
  status: number;
  /** `X-Frame-Options`, if sent. */
  xFrameOptions: string | null;
  /** `Content-Security-Policy`, if sent (several headers joined by commas, as fetch joins them). */
  contentSecurityPolicy: string | null;
}

/**
 * `framable`, or why not: `redirect` (the frame would show another page than the one measured),
 * `unavailable` (not a 2xx), `x_frame_options` (any value: DENY and SAMEORIGIN refuse another origin, and
 * browsers ignore ALLOW-FROM, so no value lets the panel in), `frame_ancestors` (a policy whose
 * `frame-ancestors` names neither `*`, the panel's origin nor its scheme).
 */
export function framingOf(answer: PageAnswer, panelOrigin: string): FramingVerdict {
  if (answer.status >= 300 && answer.status < 400) return 'redirect';
  if (answer.status < 200 || answer.status >= 300) return 'unavailable';
  if (answer.xFrameOptions !== null && answer.xFrameOptions.trim() !== '') return 'x_frame_options';
  const policies = (answer.contentSecurityPolicy ?? '').split(',');
  return policies.every((policy) => ancestorsAllow(policy, panelOrigin)) ? 'framable' : 'frame_ancestors';
}

/** Whether one policy's `frame-ancestors` (if it has one) lets `panelOrigin` frame the page. */
function ancestorsAllow(policy: string, panelOrigin: string): boolean {
  const directive = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name.toLowerCase() === 'frame-ancestors');
  if (!directive) return true;
  const scheme = `${new URL(panelOrigin).protocol}`;
  return directive
    .slice(1)
    .some((source) => source === '*' || source === scheme || source.replace(/\/$/, '') === panelOrigin);
}

/**
 * Where the site's page is: the site's first allowed origin (where its pages are served from), else its
 * domain over HTTPS.
 */
export const pageUrl = (site: { domain: string; allowedOrigins: string[] }, page: string) =>
  `${site.allowedOrigins[0] ?? `https://${site.domain}`}${page}`;
