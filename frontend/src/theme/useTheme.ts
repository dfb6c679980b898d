import { useSyncExternalStore } from 'react';
import { storeChoice, storedChoice } from '../shared/stored-choice.js';
import { parseThemeChoice, resolveTheme, type Theme, type ThemeChoice } from './theme.js';

const STORAGE_KEY = 'sluice-theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

let choice = parseThemeChoice(storedChoice(STORAGE_KEY));
let theme = resolveTheme(choice, systemDark.matches);

/**
 * The theme is one attribute on <html> (`data-theme`), read by app.css; set before the first render, and
 * again when the person or, under "System", the system changes it. Charts drawn on a canvas read the theme's
 * colours when drawn, so they take `useTheme()`'s theme as an input and draw again.
 */
function apply(): void {
  theme = resolveTheme(choice, systemDark.matches);
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

apply();
systemDark.addEventListener('change', apply);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function chooseTheme(next: ThemeChoice): void {
  storeChoice(STORAGE_KEY, next === 'system' ? null : next);
  showTheme(next);
}

/** A theme for this page only, not kept: an embedded shared page's, as the page framing it asks (SharedPage). */
export function showTheme(next: ThemeChoice): void {
  choice = next;
  apply();
}

/** The theme shown now. */
export const useTheme = (): Theme => useSyncExternalStore(subscribe, () => theme);

/** What the person chose: a theme, or the system's. */
export const useThemeChoice = (): ThemeChoice => useSyncExternalStore(subscribe, () => choice);
