import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { ActionRow } from '../src/actions/api.js';
import { actionContext, actionLines, actionName } from '../src/actions/actions-data.js';
import type { StoredEvent } from '../src/events/api.js';

const action = (
  value: string,
  name: string,
  visitors: number,
  events: number,
  compared?: number,
): ActionRow => ({
  value,
  name,
  nameSource: name === 'Add to cart' ? 'manual' : 'heuristic',
  metrics: { visitors, events },
  comparison: compared === undefined ? null : { visitors: compared },
});

const ROWS = [
  action('00000000000000a1', 'Add to cart', 2, 3, 1),
  action('00000000000000b2', 'button "Buy"', 4, 4, 0),
  action('00000000000000c3', 'a#signup', 2, 5, 2),
];

test('actions: named as the API names them, searched by name, sorted by visitors, clicks or name, with bars', () => {
  const summary = (lines: ReturnType<typeof actionLines>) =>
    lines.map(({ name, visitors, clicks, share, change }) => [name, visitors, clicks, share, change]);
  assert.deepEqual(summary(actionLines(ROWS, '', 'visitors')), [
    ['button "Buy"', 4, 4, 100, null],
    ['a#signup', 2, 5, 50, 0],
    ['Add to cart', 2, 3, 50, 100],
  ]);
  assert.deepEqual(
    actionLines(ROWS, '', 'clicks').map((line) => line.name),
    ['a#signup', 'button "Buy"', 'Add to cart'],
  );
  assert.deepEqual(
    actionLines(ROWS, '', 'name').map((line) => line.name),
    ['a#signup', 'Add to cart', 'button "Buy"'],
  );
  assert.deepEqual(
    actionLines(ROWS, 'BU', 'visitors').map((line) => line.fingerprint),
    ['00000000000000b2'],
  );
});

test('each action says where its name came from', () => {
  assert.deepEqual(
    actionLines(ROWS, '', 'name').map((line) => [line.name, line.source]),
    [
      ['a#signup', 'heuristic'],
      ['Add to cart', 'manual'],
      ['button "Buy"', 'heuristic'],
    ],
  );
});

test('an action filter reads as the name its row shows; its fingerprint until the row comes, or without one', () => {
  assert.equal(actionName(ROWS, '00000000000000a1'), 'Add to cart');
  assert.equal(actionName(ROWS, '00000000000000c3'), 'a#signup');
  assert.equal(actionName(undefined, '00000000000000a1'), '00000000000000a1', 'while the row loads');
  assert.equal(actionName([], '00000000000000a1'), '00000000000000a1', 'no click on it in the range');
  const unnamed: ActionRow = { value: '00000000000000d4', metrics: { visitors: 1 }, comparison: null };
  assert.equal(actionName([unnamed], '00000000000000d4'), '00000000000000d4');
});

test("an action's context: what its latest click carries, in people's words", () => {
  const click = {
    el_tag: 'button',
    el_text: 'Add to cart',
    el_id: '',
    el_classes: 'btn primary',
    el_selector: '#product > button',
    el_href: '',
    el_context: 'Pricing',
    hostname: 'shop.test',
    pathname: '/pricing',
  } as StoredEvent;
  assert.deepEqual(actionContext(click), [
    { label: 'Element', value: '<button>' },
    { label: 'Text', value: 'Add to cart' },
    { label: 'Classes', value: 'btn primary' },
    { label: 'Selector', value: '#product > button' },
    { label: 'Section', value: 'Pricing' },
    { label: 'Last clicked on', value: 'shop.test/pricing' },
  ]);
});
