/**
 * Compile-time feature switches, replaced by constants when the minifier runs (rollup.config.mjs
 * lists each build's), so a build without a feature carries none of its code.
 */
/** Clicks, downloads, outbound links, form submits, errors, scroll depth and engagement time. */
declare const AUTOCAPTURE: boolean;
/** LCP, CLS and INP, reported with engagement. */
declare const WEB_VITALS: boolean;
/** Handing the visitor and session over to the site's other domains. */
declare const CROSS_DOMAIN: boolean;
