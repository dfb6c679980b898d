/**
 * `npm run vendor:uap -w edge`: compiles uap-core's `regexes.yaml` (the devDependency's pinned
 * version) into `lua/sluice/data/uap_rules.lua`, the rules `lua/sluice/user_agent.lua` applies.
 * `test/uap-rules.test.ts` regenerates and compares, so the committed file can't go stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { luaString } from './lua-source';
import { requiredLiterals } from './required-literal';

interface UapRule {
  regex: string;
  regex_flag?: string;
  [replacement: string]: string | undefined;
}

interface UapRegexes {
  user_agent_parsers: UapRule[];
  os_parsers: UapRule[];
  device_parsers: UapRule[];
}

/** Each list's replacement templates, by the key the Lua rule gives them (uap-core's name less `_replacement`). */
const LISTS = [
  { list: 'user_agent_parsers', name: 'user_agent', templates: ['family', 'v1', 'v2', 'v3'] },
  { list: 'os_parsers', name: 'os', templates: ['os', 'os_v1', 'os_v2', 'os_v3', 'os_v4'] },
  { list: 'device_parsers', name: 'device', templates: ['device', 'brand', 'model'] },
] as const;

export const UAP_RULES_FILE = join(__dirname, '..', '..', '..', 'lua', 'sluice', 'data', 'uap_rules.lua');

function uapCoreDir(): string {
  return dirname(require.resolve('uap-core/package.json'));
}

export function renderUapRules(): string {
  const dir = uapCoreDir();
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const regexes = parse(readFileSync(join(dir, 'regexes.yaml'), 'utf8')) as UapRegexes;
  const lines = [
    `-- Generated from uap-core ${pkg.version} (Apache-2.0, LICENSES/uap-core.txt): its regexes.yaml,`,
    '-- by edge/src/vendor/uap-rules.ts (`npm run vendor:uap -w edge`). Do not edit: bump the package',
    '-- and regenerate. Each rule: the PCRE pattern, the ngx.re options, what every match contains (each',
    '-- requirement a list of lower-cased substrings, one of which must be there; absent when nothing can',
    '-- be proven) and the replacement templates uap-core gives it ($1 … $9 name its captures).',
    'return {',
  ];
  for (const { list, name, templates } of LISTS) {
    lines.push(`    ${name} = {`);
    for (const rule of regexes[list]) lines.push(`        ${ruleSource(rule, templates)},`);
    lines.push('    },');
  }
  lines.push('}', '');
  return lines.join('\n');
}

function ruleSource(rule: UapRule, templates: readonly string[]): string {
  if (rule.regex_flag !== undefined && rule.regex_flag !== 'i') {
    throw new Error(
      `uap-core rule ${rule.regex} has regex_flag ${rule.regex_flag}, which the edge can't apply`,
    );
  }
  const caseless = rule.regex_flag === 'i';
  const literals = requiredLiterals(rule.regex);
  const fields = [`regex = ${luaString(rule.regex)}`, `options = "${caseless ? 'joi' : 'jo'}"`];
  if (literals !== undefined) {
    const requirements = literals.map((anyOf) => `{ ${anyOf.map(luaString).join(', ')} }`);
    fields.push(`requires = { ${requirements.join(', ')} }`);
  }
  for (const template of templates) {
    const value = rule[`${template}_replacement`];
    if (value !== undefined && value !== null) fields.push(`${template} = ${luaString(String(value))}`);
  }
  return `{ ${fields.join(', ')} }`;
}

if (require.main === module) {
  writeFileSync(UAP_RULES_FILE, renderUapRules());
  console.log(`wrote ${UAP_RULES_FILE}`);
}
