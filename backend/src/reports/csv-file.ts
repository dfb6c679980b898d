import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/**
 * A CSV answer as a download named after what it holds (`sluice-site-3-breakdown-2026-11-01-2026-11-30.csv`):
 * the stream is piped to the client as it comes, in chunks, never gathered.
 */
export const csvFile = (
  stream: Readable,
  siteId: number,
  kind: string,
  { from, to }: { from: string; to: string },
) =>
  new StreamableFile(stream, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="sluice-site-${siteId}-${kind}-${from}-${to}.csv"`,
  });

/** A text cell a spreadsheet can't run (CSV injection, OWASP), as `spreadsheetSafe` makes ClickHouse's: a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A small report built in the backend (a funnel, a retention grid) as CSV lines in the shape ClickHouse
 * writes: text quoted and made spreadsheet-safe, numbers bare, null an empty cell.
 */
export function csvLines(header: string[], rows: Array<Array<string | number | null>>): Readable {
  const cell = (value: string | number | null) =>
    value === null
      ? ''
      : typeof value === 'number'
        ? String(value)
        : `"${(FORMULA_START.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;
  return Readable.from([header, ...rows].map((cells) => `${cells.map(cell).join(',')}\n`));
}
