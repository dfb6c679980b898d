import { settings } from './settings';
import { LOCAL, stored } from './storage';

const OPT_OUT_KEY = '_sluice_optout';

/** Records the visitor's choice; an opt-out persists across pages and visits on this site. */
export const setOptedOut = (out: boolean) => stored(LOCAL, OPT_OUT_KEY, out ? '1' : null);

/** Whether anything may be sent: not after an opt-out, nor against DNT or GPC when the site respects them. */
export const mayTrack = () =>
  !stored(LOCAL, OPT_OUT_KEY) &&
  !(
    settings.respectDNT &&
    (navigator.doNotTrack === '1' ||
      (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl)
  );
