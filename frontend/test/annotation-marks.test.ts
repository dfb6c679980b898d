import { describe, expect, test } from 'vitest';
import { annotationMarks } from '../src/annotations/annotation-marks.js';

describe('annotation marks', () => {
  const days = ['2026-11-01', '2026-11-02', '2026-11-03'];

  test('a note marks the bucket of its day; notes of one day share a mark, in date order', () => {
    expect(
      annotationMarks(days, 'day', [
        { date: '2026-11-03', text: 'Sale ends' },
        { date: '2026-11-02', text: 'Newsletter' },
        { date: '2026-11-02', text: 'Launch' },
      ]),
    ).toEqual([
      { index: 1, notes: ['Newsletter', 'Launch'] },
      { index: 2, notes: ['Sale ends'] },
    ]);
  });

  test('by week or month, the bucket a day falls in; before the first bucket, nowhere', () => {
    const weeks = ['2026-10-26', '2026-11-02', '2026-11-09'];
    expect(
      annotationMarks(weeks, 'week', [
        { date: '2026-11-08', text: 'Sunday' },
        { date: '2026-11-09', text: 'Monday' },
        { date: '2026-10-20', text: 'Too early' },
      ]),
    ).toEqual([
      { index: 1, notes: ['Sunday'] },
      { index: 2, notes: ['Monday'] },
    ]);
    expect(
      annotationMarks(['2026-10-01', '2026-11-01'], 'month', [{ date: '2026-10-31', text: 'Halloween' }]),
    ).toEqual([{ index: 0, notes: ['Halloween'] }]);
  });

  test("by the hour, the day's first hour; a day the hours don't reach, nowhere", () => {
    const hours = ['2026-11-01 22:00', '2026-11-01 23:00', '2026-11-02 00:00', '2026-11-02 01:00'];
    expect(
      annotationMarks(hours, 'hour', [
        { date: '2026-11-02', text: 'Deploy' },
        { date: '2026-11-03', text: 'Later' },
      ]),
    ).toEqual([{ index: 2, notes: ['Deploy'] }]);
  });
});
