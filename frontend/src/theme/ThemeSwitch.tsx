import { THEME_CHOICES, THEME_LABELS, type ThemeChoice } from './theme';
import { chooseTheme, useThemeChoice } from './useTheme';

/** The header's theme chooser: the system's, light or dark, remembered in this browser. */
export function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <label className="theme-switch">
      <span className="visually-hidden">Theme</span>
      <select
        value={choice}
        title="Theme"
        onChange={(event) => chooseTheme(event.target.value as ThemeChoice)}
      >
        {THEME_CHOICES.map((option) => (
          <option key={option} value={option}>
            {THEME_LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
