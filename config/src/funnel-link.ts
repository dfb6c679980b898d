/**
 * A funnel as a report link writes it: its steps (`step=`, repeated in order) and conversion window
 * (`window=`, seconds), and the limits the funnel route holds them to. The panel's funnels page reads and
 * writes its URL with these, and the backend answers a saved funnel view (a dashboard's funnel widget, a
 * shared link) from the same text: one format, one set of limits.
 */

export const FUNNEL_STEP_KINDS = ['page', 'event', 'action'] as const;
export const MIN_FUNNEL_STEPS = 2;
export const MAX_FUNNEL_STEPS = 10;
export const DEFAULT_FUNNEL_WINDOW_SECONDS = 30 * 60;
/** A week: the events read reach this far past the range, so a longer window costs reads for every funnel. */
export const MAX_FUNNEL_WINDOW_SECONDS = 7 * 24 * 3600;

/** A step: a pageview matching a page pattern, an event (with a property, optionally) or an action. */
export interface FunnelLinkStep {
  kind: (typeof FUNNEL_STEP_KINDS)[number];
  match: string;
  propertyKey: string | null;
  propertyValue: string | null;
}

/**
 * A step's text: its kind, match and property joined by colons, each part with `%` and `:` escaped so a
 * page pattern or property value may hold them. `page:/pricing`, `event:signup:plan:pro`.
 */
const escapePart = (part: string) => part.replace(/%/g, '%25').replace(/:/g, '%3A');
const unescapePart = (part: string) => part.replace(/%3A/gi, ':').replace(/%25/g, '%');

export function encodeFunnelStep(step: FunnelLinkStep): string {
  const parts = [step.kind, step.match];
  if (step.propertyKey !== null) parts.push(step.propertyKey, step.propertyValue ?? '');
  return parts.map(escapePart).join(':');
}

/** A step from its text; anything malformed is no step (a hand-edited link still opens). */
export function decodeFunnelStep(text: string): FunnelLinkStep | undefined {
  const [kind, match, propertyKey, propertyValue, ...rest] = text.split(':').map(unescapePart);
  const known = FUNNEL_STEP_KINDS.find((candidate) => candidate === kind);
  if (!known || match === undefined || rest.length > 0) return undefined;
  return {
    kind: known,
    match,
    propertyKey: propertyKey ?? null,
    propertyValue: propertyKey === undefined ? null : (propertyValue ?? ''),
  };
}

/**
 * The funnel a link stands for: its readable steps in order, and its window when it names a whole number of
 * seconds from 1 to 7 days (the default window otherwise).
 */
export function parseFunnelLink(search: URLSearchParams): { steps: FunnelLinkStep[]; window: number } {
  const steps = search
    .getAll('step')
    .map(decodeFunnelStep)
    .filter((step) => step !== undefined);
  const window = Number(search.get('window'));
  return {
    steps,
    window:
      Number.isInteger(window) && window >= 1 && window <= MAX_FUNNEL_WINDOW_SECONDS
        ? window
        : DEFAULT_FUNNEL_WINDOW_SECONDS,
  };
}
