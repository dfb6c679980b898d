/**
 * CSV made in the browser, for a list the API has no CSV of: written as the API's files are (ClickHouse's
 * CSVWithNames: a header row, every text quoted with its quotes doubled, numbers bare, `\n` between rows).
 */

export type CsvValue = string | number;

/**
 * A text a spreadsheet can't run (CSV injection, OWASP), as the API's `spreadsheetSafe` makes it: one starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and its peers; a leading `'` makes
 * it text. Autocaptured names come from the site's pages, so any visitor's page can put one there.
 */
const spreadsheetSafe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const csvCell = (value: CsvValue) =>
  typeof value === 'number' ? String(value) : `"${spreadsheetSafe(value).replaceAll('"', '""')}"`;

/** The header and the rows as one CSV text, ending with a newline. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\n`).join('');
}

/** CSV text as a file for `CsvDownloadButton`. */
export const csvFile = (text: string): Blob => new Blob([text], { type: 'text/csv;charset=utf-8' });
