import { SETTINGS, type Part, type Setting, type SettingName, type SettingValue } from './settings';

/** Every problem found, one line per variable, so that one restart fixes them all. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid settings:\n  ${problems.join('\n  ')}`);
  }
}

export type Environment = Record<string, string | undefined>;
export type SettingValues<N extends SettingName> = { [K in N]: SettingValue<K> };

function problemOf(name: string, spec: Setting, raw: string): string {
  // A secret is never echoed, not even a short one: its length says enough.
  return spec.secret
    ? `${name} ${spec.kind.rule} (it has ${raw.length} characters)`
    : `${name} ${spec.kind.rule}, got "${raw}"`;
}

/**
 * Reads `names` from `env` by their kinds: an empty variable (`X=` in .env) counts as unset and takes the
 * setting's default. Throws a SettingsError naming every variable that is missing or breaks its rule.
 */
export function readSettings<const N extends SettingName>(
  env: Environment,
  names: readonly N[],
): SettingValues<N> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const spec: Setting = SETTINGS[name];
    const raw = env[name] || spec.default;
    if (raw === undefined || raw === '') {
      if (spec.required) problems.push(`${name} must be set`);
      values[name] = undefined;
      continue;
    }
    const value = spec.kind.parse(raw);
    if (value === undefined) problems.push(problemOf(name, spec, raw));
    values[name] = value;
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return values as SettingValues<N>;
}

/** The settings `part` reads, in the list's order. */
export function settingsReadBy(part: Part): SettingName[] {
  return (Object.keys(SETTINGS) as SettingName[]).filter((name) =>
    (SETTINGS[name] as Setting).readBy.includes(part),
  );
}
