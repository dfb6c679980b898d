/** What the page set with `['config', key, value]`. */
export const settings = {
  /** Where the tracker was served from, without a trailing slash; events go to `${baseUrl}/e`. */
  baseUrl: '/telemetry',
  /** The site's public key; nothing is sent until it is set. */
  site: '',
  /** Send nothing when the browser says Do Not Track or Global Privacy Control. */
  respectDNT: false,
  /**
   * 'cookieless' (the default): nothing identifies the visitor beyond the tab, the edge counts visitors
   * by a daily salted hash. 'persistent': a first-party anonymous id in localStorage.
   */
  persistence: 'cookieless',
  /** The share of sessions tracked, 0–1: a session is sent whole or not at all. */
  sampling: 1,
  /** The site's other domains (host names): links to them hand the visitor and session over. */
  crossDomain: [] as string[],
  /** Feature flag values the page starts with (`flags`, `isEnabled`). */
  flags: {} as Record<string, unknown>,
  /**
   * What is captured without code (clicks, forms, errors, engagement): before load, switch one off
   * with `['config', 'autocapture', { clicks: false }]`, or all with `false`.
   */
  autocapture: true as boolean | Record<string, boolean>,
};
