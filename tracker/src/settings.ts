/** What the page set with `['config', key, value]`. */
export const settings = {
  /** Where the tracker was served from; events go to `${baseUrl}/e`. */
  baseUrl: '/telemetry',
  /** The site's public key; nothing is sent until it is set. */
  site: '',
  /** Send nothing when the browser says Do Not Track or Global Privacy Control. */
  respectDNT: false,
  /** What is captured without code, each switched off with `['config', 'autocapture', { clicks: false }]` (or all with `false`) before load. */
  autocapture: { clicks: true, forms: true, errors: true, engagement: true },
};
