import { settings } from './settings';
import { stored } from './storage';

const OPT_OUT_KEY = '_sluice_optout';

/** Records the visitor's choice; an opt-out persists across pages and visits on this site. */
export const setOptedOut = (out: boolean) => stored('localStorage', OPT_OUT_KEY, out ? '1' : null);

/** Whether anything may be sent: not after an opt-out, nor against DNT or GPC when the site respects them. */
export function mayTrack(): boolean {
  if (stored('localStorage', OPT_OUT_KEY)) return false;
  const browser = navigator as Navigator & { globalPrivacyControl?: boolean };
  return !(settings.respectDNT && (browser.doNotTrack === '1' || browser.globalPrivacyControl));
}
