import type { Schemas } from '../api/schemas.js';

type AuditEntry = Schemas['AuditRecordDto'];
type Site = Schemas['SiteResponseDto'];
type Account = Schemas['UserResponseDto'];

type AuditAction = AuditEntry['action'];

/** Each action in words (the API lists them: a new one is a type error here until it has its words). */
const ACTION_WORDS: Record<AuditAction, string> = {
  'user.create': 'Added a user',
  'user.update': "Changed a user's role or sites",
  'user.delete': 'Deleted a user',
  'user.reset_password': "Reset a user's password",
  'user.change_password': 'Changed their password',
  'user.enable_totp': 'Turned on two-factor sign-in',
  'user.disable_totp': 'Turned off two-factor sign-in',
  'user.link_identity': 'Linked a single sign-on identity',
  'site.create': 'Added a site',
  'site.update': "Changed a site's settings",
  'site.delete': 'Deleted a site',
  'site.rotate_key': "Rotated a site's key",
  'site.signing_secret.create': "Made a signing secret for a site's servers",
  'site.signing_secret.revoke': "Revoked a signing secret of a site's servers",
  'api_key.create': 'Created an API key',
  'api_key.revoke': 'Revoked an API key',
  'goal.create': 'Added a goal',
  'goal.update': 'Changed a goal',
  'goal.delete': 'Deleted a goal',
  'annotation.create': 'Added an annotation',
  'annotation.update': 'Changed an annotation',
  'annotation.delete': 'Deleted an annotation',
  'segment.create': 'Saved a segment',
  'segment.update': 'Changed a segment',
  'segment.delete': 'Deleted a segment',
  'flag.create': 'Added a feature flag',
  'flag.update': 'Changed a feature flag',
  'flag.delete': 'Deleted a feature flag',
  'alert.create': 'Added an alert',
  'alert.update': 'Changed an alert',
  'alert.delete': 'Deleted an alert',
  'alert.test': 'Sent a test alert',
  'dashboard.create': 'Created a dashboard',
  'dashboard.rename': 'Renamed a dashboard',
  'dashboard.delete': 'Deleted a dashboard',
  'dashboard.widget.add': 'Added a widget to a dashboard',
  'dashboard.widget.update': 'Changed a dashboard widget',
  'dashboard.widget.remove': 'Removed a widget from a dashboard',
  'shared_link.create': 'Shared a link',
  'shared_link.revoke': 'Revoked a shared link',
  'action.rename': 'Named an action',
  'action.name.clear': "Cleared an action's name",
  'action.name.rerun': 'Asked the AI to name actions again',
  'ai.provider.update': 'Set the AI provider',
  'ai.provider.delete': 'Removed the AI provider',
  'backup.start': 'Started a backup',
};

/** An action in words; a name the panel doesn't know (recorded by a later version) as it is. */
export const actionWords = (action: AuditAction): string => ACTION_WORDS[action] ?? action;

/** "siteIds" → "site ids", "dashboard_id" → "dashboard id". */
const keyWords = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

const valueWords = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map(valueWords).join(', ') : 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** Details that hold site ids, shown by the sites' names where the panel knows them, labelled without "ids". */
const SITE_ID_LABELS: Record<string, string> = { siteIds: 'sites', siteId: 'site' };

/**
 * An entry's details as labelled values, in the order recorded: "site ids" → "2, 4", or with `nameOf`
 * (targetNames) "sites" → "shop.example.com, blog.example.com".
 */
export function detailPairs(
  details: AuditEntry['details'],
  nameOf?: (target: string) => string,
): Array<{ label: string; value: string }> {
  return Object.entries(details).map(([key, value]) => {
    const sites = nameOf && SITE_ID_LABELS[key];
    if (!sites) return { label: keyWords(key), value: valueWords(value) };
    const ids: unknown[] = Array.isArray(value) ? value : [value];
    return { label: sites, value: valueWords(ids.map((id) => nameOf(`site:${String(id)}`))) };
  });
}

/**
 * What entries were done to, by name where the panel knows it: "site:4" → its domain, "user:3" → the
 * user's email; anything else (a backup job, an API key, a site or user deleted since) as recorded.
 */
export function targetNames(sites: Site[], accounts: Account[]): (target: string) => string {
  const names = new Map<string, string>([
    ...sites.map((site): [string, string] => [`site:${site.id}`, site.domain]),
    ...accounts.map((account): [string, string] => [`user:${account.id}`, account.email]),
  ]);
  return (target) => names.get(target) ?? target;
}
