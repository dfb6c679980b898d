import assert from 'node:assert/strict';
import { test } from 'vitest';
import { SHORTCUT_LIST, toolbarShortcut, type KeyPress } from '../src/routing/period-keys.js';

const press = (key: string, changes: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetEditable: false,
  targetUsesArrows: false,
  ...changes,
});

test('a letter picks a period, the arrows step it, X compares, ? lists them; either case', () => {
  assert.deepEqual(toolbarShortcut(press('w')), { kind: 'period', period: '7d' });
  assert.deepEqual(toolbarShortcut(press('T')), { kind: 'period', period: '30d' });
  assert.deepEqual(toolbarShortcut(press('ArrowLeft')), { kind: 'step', step: -1 });
  assert.deepEqual(toolbarShortcut(press('ArrowRight')), { kind: 'step', step: 1 });
  assert.deepEqual(toolbarShortcut(press('x')), { kind: 'compare' });
  assert.deepEqual(toolbarShortcut(press('?')), { kind: 'help' });
  assert.equal(toolbarShortcut(press('q')), undefined);
});

test('no shortcut with Ctrl, Cmd or Alt held (Alt+← is the browser going back), nor while typing', () => {
  assert.equal(toolbarShortcut(press('ArrowLeft', { altKey: true })), undefined);
  assert.equal(toolbarShortcut(press('w', { ctrlKey: true })), undefined);
  assert.equal(toolbarShortcut(press('d', { metaKey: true })), undefined);
  for (const targetTag of ['INPUT', 'SELECT', 'TEXTAREA'])
    assert.equal(toolbarShortcut(press('w', { targetTag })), undefined, targetTag);
  assert.equal(toolbarShortcut(press('w', { targetTag: 'DIV', targetEditable: true })), undefined);
  // In tabs or a radio group the arrows move between its items.
  assert.equal(
    toolbarShortcut(press('ArrowRight', { targetTag: 'BUTTON', targetUsesArrows: true })),
    undefined,
  );
  // A focused button or link is not typing: the shortcuts work from there.
  assert.deepEqual(toolbarShortcut(press('e', { targetTag: 'BUTTON' })), {
    kind: 'period',
    period: 'yesterday',
  });
});

test('the list names every shortcut', () => {
  assert.deepEqual(
    SHORTCUT_LIST.map(({ keys }) => keys),
    ['D', 'E', 'W', 'T', 'M', 'P', 'Y', 'L', '← →', 'X', '?'],
  );
  assert.equal(SHORTCUT_LIST[2].does, 'Last 7 days');
});
