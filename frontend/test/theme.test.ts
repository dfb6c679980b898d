import assert from 'node:assert/strict';
import { test } from 'vitest';
import { parseThemeChoice, resolveTheme } from '../src/theme/theme.js';

test("the theme is the person's choice, or the system's when they chose none or an unknown one", () => {
  assert.deepEqual(
    [parseThemeChoice(null), parseThemeChoice('dark'), parseThemeChoice('sepia')],
    ['system', 'dark', 'system'],
  );
  assert.deepEqual(
    [resolveTheme('system', true), resolveTheme('system', false), resolveTheme('light', true)],
    ['dark', 'light', 'light'],
  );
});
