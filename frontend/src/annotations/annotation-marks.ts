import type { Bucketing, ChartMark } from '../shared/chart-scale.js';

/** A note on a day, as a chart places it. */
export interface DatedNote {
  date: string;
  text: string;
}

/**
 * Where notes go on a chart of `buckets` (each bucket's start, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, in order):
 * on the bucket their day falls in, a week's or a month's; by the hour, on the day's first hour. A note before
 * the first bucket, or on a day the hours don't reach, goes nowhere. `notes` are those of the chart's range.
 */
export function annotationMarks(buckets: string[], interval: Bucketing, notes: DatedNote[]): ChartMark[] {
  const days = buckets.map((bucket) => bucket.slice(0, 10));
  const byIndex = new Map<number, string[]>();
  for (const note of [...notes].sort((a, b) => a.date.localeCompare(b.date))) {
    const index =
      interval === 'hour' || interval === 'minute'
        ? days.indexOf(note.date)
        : days.filter((day) => day <= note.date).length - 1;
    if (index === -1) continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), note.text]);
  }
  return [...byIndex].sort(([a], [b]) => a - b).map(([index, texts]) => ({ index, notes: texts }));
}
