import { Snippet } from '../shared/Snippet';
import type { Site } from './api';

/** Where a site's snippet is pasted, and the snippet; `folded` behind a summary (a site that sends events). */
export function SiteSnippet({ site, folded }: { site: Site; folded: boolean }) {
  const snippet = (
    <>
      <p>
        Paste this on every page of {site.domain} (site key <code>{site.siteKey}</code>):
      </p>
      <Snippet label="Snippet" text={site.snippet} />
    </>
  );
  return folded ? (
    <details className="card-snippet">
      <summary>Snippet</summary>
      {snippet}
    </details>
  ) : (
    snippet
  );
}
