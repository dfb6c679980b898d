import type { Schemas } from '../api/schemas.js';

type Account = Schemas['UserResponseDto'];
type Site = Schemas['SiteResponseDto'];

const ROLE_NAMES: Record<Account['role'], string> = { viewer: 'Viewer', admin: 'Admin', owner: 'Owner' };

/**
 * A user's access in one line, read without opening their settings: "Viewer of docs.example.com",
 * "Admin of shop.example.com and blog.example.com" (in the sites' order), "Owner of every site".
 */
export function accessSummary(
  account: Pick<Account, 'role' | 'siteIds'>,
  sites: Pick<Site, 'id' | 'domain'>[],
): string {
  const role = ROLE_NAMES[account.role];
  if (account.role === 'owner') return `${role} of every site`;
  const domains = sites.filter((site) => account.siteIds.includes(site.id)).map((site) => site.domain);
  if (domains.length === 0) return `${role} of no site yet`;
  return `${role} of ${new Intl.ListFormat('en', { type: 'conjunction' }).format(domains)}`;
}
