import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BOT_PATTERNS_FILE, renderBotPatterns } from '../src/vendor/bot-patterns';

test('the committed bot patterns are what `npm run vendor:bots -w edge` makes of the pinned isbot', () => {
  assert.equal(
    readFileSync(BOT_PATTERNS_FILE, 'utf8'),
    renderBotPatterns(),
    'run `npm run vendor:bots -w edge`',
  );
});
