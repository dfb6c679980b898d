/** The tag a site owner pastes into every page; `/telemetry` is proxied by their own server to the edge. */
export function trackerSnippet(siteKey: string, baseUrl = '/telemetry'): string {
  return [
    '<script>',
    '  window._sluice = window._sluice || [];',
    `  _sluice.push(['config', 'baseUrl', '${baseUrl}']);`,
    `  _sluice.push(['config', 'site', '${siteKey}']);`,
    "  _sluice.push(['track', 'pageview']);",
    '</script>',
    `<script async src="${baseUrl}/s.js"></script>`,
  ].join('\n');
}
