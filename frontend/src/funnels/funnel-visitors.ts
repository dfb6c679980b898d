import { valueLabel } from '../reports/dimension-labels.js';
import { formatCount, formatDateTime, formatDuration } from '../shared/format.js';
import type { EventsOf } from '../events/events-data.js';
import { profileTitle } from '../events/events-profile.js';
import type { FunnelOutcome, FunnelReport, FunnelVisitor } from './api.js';

/**
 * Which of a funnel's figures a list of visitors stands behind, as the chart shows them (URL `who=`,
 * `reached-2` or `dropped-2`): the visitors of a step, or those who dropped off before it (who reached the
 * step before and not this one).
 */
export interface FunnelWho {
  step: number;
  outcome: FunnelOutcome;
}

const WHO = /^(reached|dropped)-(\d+)$/;

/** The URL's `who=` for a funnel of `steps` steps; a step it doesn't have, or a drop-off before step 1, is none. */
export function parseFunnelWho(value: string | null, steps: number): FunnelWho | undefined {
  const [, outcome, step] = WHO.exec(value ?? '') ?? [];
  const n = Number(step);
  if (!outcome || n < 1 || n > steps || (outcome === 'dropped' && n < 2)) return undefined;
  return { step: n, outcome: outcome as FunnelOutcome };
}

export const writeFunnelWho = (who: FunnelWho | undefined) => who && `${who.outcome}-${who.step}`;

export const sameWho = (a: FunnelWho | undefined, b: FunnelWho) =>
  a?.step === b.step && a.outcome === b.outcome;

/**
 * The API's step for a figure: a drop-off before step n is who reached step n − 1 and went no further
 * there.
 */
export const whoAsked = ({ step, outcome }: FunnelWho) => ({
  step: outcome === 'dropped' ? step - 1 : step,
  outcome,
});

/** How many visitors the funnel counts behind the figure: the step's, or its drop-off. */
export const whoTotal = (report: FunnelReport, { step, outcome }: FunnelWho) => {
  const result = report.steps[step - 1];
  return outcome === 'reached' ? result.visitors : result.dropOff;
};

/** The list's heading: "Who reached step 2" or "Who dropped off before step 2", and the step's name. */
export const whoHeading = ({ step, outcome }: FunnelWho, stepName: string) =>
  `Who ${outcome === 'reached' ? 'reached' : 'dropped off before'} step ${step}: ${stepName}`;

/** What the list holds of the figure's `total`: all of them, or the most recent entrants. */
export function whoShown(shown: number, total: number, locale?: string): string {
  if (shown >= total) return `All ${formatCount(total, locale)}, the latest to enter first.`;
  return `The ${formatCount(shown, locale)} latest to enter of ${formatCount(total, locale)}.`;
}

/**
 * The column of the time from the entry to the last step the listed visitors reached (a step's own for
 * its visitors, the one before for those who dropped off); none where that is step 1, the entry itself.
 */
export function lastStepColumn({ step, outcome }: FunnelWho): string | undefined {
  const reached = outcome === 'reached' ? step : step - 1;
  return reached > 1 ? `Time to step ${reached}` : undefined;
}

export interface FunnelVisitorLine {
  key: string;
  /** The signed-in user's id where the site sent one, else the visitor's id, shortened. */
  name: string;
  /** Whose events their link opens: a signed-in user's on every device, else the visitor's. */
  eventsOf: EventsOf;
  country: string;
  device: string;
  browser: string;
  entered: string;
  /** From the entry to the last step reached (lastStepColumn). */
  after: string;
}

export function funnelVisitorLines(
  visitors: FunnelVisitor[],
  timeZone: string,
  locale?: string,
): FunnelVisitorLine[] {
  return visitors.map((visitor) => ({
    key: visitor.visitorId,
    name: visitor.userId || profileTitle({ kind: 'visitor', value: visitor.visitorId }),
    eventsOf: visitor.userId
      ? { kind: 'user', value: visitor.userId }
      : { kind: 'visitor', value: visitor.visitorId },
    country: valueLabel('country', visitor.country, locale),
    device: valueLabel('device', visitor.device, locale),
    browser: valueLabel('browser', visitor.browser, locale),
    entered: formatDateTime(visitor.enteredAt, locale, timeZone),
    after: formatDuration((Date.parse(visitor.reachedAt) - Date.parse(visitor.enteredAt)) / 1000, locale),
  }));
}
