import { SETTINGS, type Setting, type SettingName } from './settings';

const WIDTH = 118;

/** Folds `text` into `# ` comment lines of at most WIDTH characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

const HEADER = [
  '# Sluice configuration. Copy to .env and change what you need; every value here is the default.',
  '# Secrets left empty are generated on first start and kept in $SLUICE_DATA_DIR/secrets.env (mode 0600).',
  '# Generated from config/src/settings/settings.ts (npm run settings): change that list, not this file.',
];

/** `.env.example`: every operator setting with its default, grouped by section, each group's comments above it. */
export function renderEnvExample(): string {
  const out = [...HEADER];
  let section = '';
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const spec: Setting = SETTINGS[name];
    if (spec.internal) continue;
    if (spec.section !== section) {
      out.push('');
      section = spec.section;
    }
    if (spec.about) out.push(...comment(spec.about));
    out.push(`${name}=${spec.default ?? ''}`);
  }
  return `${out.join('\n')}\n`;
}

/** The README's table of operator settings: name, default (or how it is made), rule, who reads it. */
export function renderSettingsTable(): string {
  const rows = (Object.keys(SETTINGS) as SettingName[])
    .filter((name) => !(SETTINGS[name] as Setting).internal)
    .map((name) => {
      const spec: Setting = SETTINGS[name];
      const value = spec.generated
        ? 'secret, generated'
        : spec.secret
          ? 'secret'
          : spec.default
            ? `\`${spec.default}\``
            : '';
      return `| \`${name}\` | ${value} | ${spec.kind.rule.replace(/^must /, '')} | ${spec.readBy.join(', ')} |`;
    });
  return ['| setting | default | must | read by |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
