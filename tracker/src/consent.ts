import { settings } from './settings';
import { readStored, writeStored } from './storage';

const OPT_OUT_KEY = '_sluice_optout';
/** Kept in memory too, so an opt-out holds for this page even where storage is blocked. */
let optedOutHere = false;

/** Records the visitor's choice; an opt-out persists across pages and visits on this site. */
export function setOptedOut(out: boolean): void {
  optedOutHere = out;
  writeStored('localStorage', OPT_OUT_KEY, out ? '1' : undefined);
}

/** Whether anything may be sent: not after an opt-out, nor against DNT or GPC when the site respects them. */
export function mayTrack(): boolean {
  if (optedOutHere || readStored('localStorage', OPT_OUT_KEY) === '1') return false;
  const browser = navigator as Navigator & { globalPrivacyControl?: boolean };
  return !(settings.respectDNT && (browser.doNotTrack === '1' || browser.globalPrivacyControl === true));
}
