/** The panel's colour theme: the one a person picked, or the system's (`prefers-color-scheme`). */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = Exclude<ThemeChoice, 'system'>;

export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** A stored choice, or the system's when there is none or it is not one we know (an older panel's). */
export const parseThemeChoice = (stored: string | null): ThemeChoice =>
  THEME_CHOICES.find((choice) => choice === stored) ?? 'system';

export const resolveTheme = (choice: ThemeChoice, systemPrefersDark: boolean): Theme =>
  choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
