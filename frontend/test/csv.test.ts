import assert from 'node:assert/strict';
import { test } from 'vitest';
import { csvText } from '../src/shared/csv.js';

test('CSV as the API writes it: texts quoted with quotes doubled, numbers bare, formulas made text', () => {
  assert.equal(
    csvText(
      ['name', 'clicks'],
      [
        ['button "Buy, now"', 3],
        ['=HYPERLINK("x")', -1],
        ['+1', 0.5],
        ['-a', 2],
        ['@b', 2],
        ['\tc', 2],
        ['line\nbreak', 1],
        ['', 0],
      ],
    ),
    [
      '"name","clicks"',
      '"button ""Buy, now""",3',
      `"'=HYPERLINK(""x"")",-1`,
      `"'+1",0.5`,
      `"'-a",2`,
      `"'@b",2`,
      `"'\tc",2`,
      '"line\nbreak",1',
      '"",0',
      '',
    ].join('\n'),
  );
});
