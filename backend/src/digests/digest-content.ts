import type { BreakdownReportDto, OverviewReportDto } from '../reports/dto/report.dto.js';
import type { MetricName } from '../reports/query/metrics.js';
import type { Email } from '../mail/mailer.js';
import { escapeHtml } from '../mail/html.js';

/** The overview's numbers a digest shows, in this order, with their words. */
const NUMBERS = [
  ['visitors', 'Visitors'],
  ['visits', 'Visits'],
  ['pageviews', 'Pageviews'],
  ['bounce_rate', 'Bounce rate (%)'],
  ['visit_duration', 'Visit duration (s)'],
] as const;

/** How many pages the digest names as the week's top changes. */
export const TOP_CHANGES = 5;

export interface DigestInput {
  to: string;
  site: { name: string };
  week: { from: string; to: string };
  overview: OverviewReportDto;
  pages: BreakdownReportDto;
  link: string;
}

/** The pages whose visitors changed most against the week before (either way), largest change first. */
/** A metric of an answer's values (or changes): each is there when the report was asked for it. */
type Values = Partial<Record<MetricName, number | null>>;
const valueOf = (values: object | null | undefined, name: MetricName) =>
  (values as Values | null | undefined)?.[name];

export function topChanges(
  pages: BreakdownReportDto,
): Array<{ page: string; visitors: number; change: number }> {
  return pages.rows
    .map((row) => {
      const visitors = valueOf(row.metrics, 'visitors') ?? 0;
      return { page: row.value, visitors, change: visitors - (valueOf(row.comparison, 'visitors') ?? 0) };
    })
    .filter(({ change }) => change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.page.localeCompare(b.page))
    .slice(0, TOP_CHANGES);
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

/** A percent change in words; none where the week before had 0 (no percent of nothing). */
const againstWeekBefore = (percent: number | null | undefined) =>
  percent === null || percent === undefined
    ? 'none the week before'
    : `${signed(percent)}% on the week before`;

/** The weekly digest: a plain-text part and a simple HTML part with the same content. */
export function digestEmail(input: DigestInput): Email {
  const { overview, week, site } = input;
  const numbers = NUMBERS.map(([key, label]) => ({
    label,
    value: valueOf(overview.metrics, key) ?? 0,
    change: againstWeekBefore(valueOf(overview.change, key)),
  }));
  const changes = topChanges(input.pages);
  const title = `${site.name}: your week ${week.from} to ${week.to}`;
  const text = [
    title,
    '',
    ...numbers.map(({ label, value, change }) => `${label}: ${value} (${change})`),
    '',
    'Top changes (visitors by page):',
    ...(changes.length
      ? changes.map(({ page, visitors, change }) => `${page}: ${visitors} (${signed(change)})`)
      : ['none']),
    '',
    input.link,
    '',
  ].join('\n');
  const rows = numbers
    .map(
      ({ label, value, change }) =>
        `<tr><td>${escapeHtml(label)}</td><td>${value}</td><td>${escapeHtml(change)}</td></tr>`,
    )
    .join('');
  const items = changes.length
    ? changes
        .map(({ page, visitors, change }) => `<li>${escapeHtml(page)}: ${visitors} (${signed(change)})</li>`)
        .join('')
    : '<li>none</li>';
  const html =
    `<h1>${escapeHtml(title)}</h1><table>${rows}</table>` +
    `<h2>Top changes (visitors by page)</h2><ul>${items}</ul>` +
    `<p><a href="${escapeHtml(input.link)}">Open Sluice</a></p>`;
  return { to: input.to, subject: `Sluice weekly digest: ${title}`, text, html };
}
