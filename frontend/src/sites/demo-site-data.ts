import { DEMO_SITE } from '../../../config/src/demo-site.js';
import { formatCount } from '../shared/format.js';
import type { DemoSiteStatus } from './api.js';

/** Whether a demo site's writing is over, one way or the other. */
export const demoFinished = ({ stage }: DemoSiteStatus) => stage === 'ready' || stage === 'failed';

/**
 * How far a demo site's month has come, in words, and as a fraction of its rows for a progress bar (undefined
 * while the finalized days are written again: a wait of unknown length).
 */
export function demoProgress(status: DemoSiteStatus, locale?: string): { text: string; fraction?: number } {
  switch (status.stage) {
    case 'writing':
      return {
        text: `Writing ${DEMO_SITE.days} days of visits: ${formatCount(status.rowsWritten, locale)} of about ${formatCount(status.rows, locale)} events`,
        fraction: status.rows > 0 ? Math.min(1, status.rowsWritten / status.rows) : 0,
      };
    case 'finalizing':
      return {
        text: `${formatCount(status.rows, locale)} events written; preparing the reports of past days`,
      };
    case 'ready':
      return {
        text: `The demo site is ready: ${formatCount(status.rows, locale)} events over ${DEMO_SITE.days} days.`,
        fraction: 1,
      };
    case 'failed':
      return { text: `Writing the demo site's events failed: ${status.error ?? 'no reason given'}.` };
  }
}
