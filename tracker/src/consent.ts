import { settings } from './settings';

const OPT_OUT_KEY = '_sluice_optout';
/** Kept in memory too, so an opt-out holds for this page even where storage is blocked. */
let optedOutHere = false;

/** Records the visitor's choice; an opt-out persists across pages and visits on this site. */
export function setOptedOut(out: boolean): void {
  optedOutHere = out;
  try {
    if (out) localStorage.setItem(OPT_OUT_KEY, '1');
    else localStorage.removeItem(OPT_OUT_KEY);
  } catch {
    // Storage blocked (private mode, policy): the in-memory choice still holds for this page.
  }
}

function optedOut(): boolean {
  try {
    return optedOutHere || localStorage.getItem(OPT_OUT_KEY) === '1';
  } catch {
    // Storage blocked: only this page's choice is known.
    return optedOutHere;
  }
}

/** Whether anything may be sent: not after an opt-out, nor against DNT or GPC when the site respects them. */
export function mayTrack(): boolean {
  if (optedOut()) return false;
  const browser = navigator as Navigator & { globalPrivacyControl?: boolean };
  return !(settings.respectDNT && (browser.doNotTrack === '1' || browser.globalPrivacyControl === true));
}
