import { daysInRange } from '../common/calendar.js';
import type { ReportRequestDto } from './dto/report-request.dto.js';

/**
 * A report request in words, for the reader to check what was answered: "Visitors by country, last 7 days,
 * where page is /pricing". Written from the validated request by code, never by the model, so what it
 * says is what ran.
 */

const OPERATOR_WORDS: Record<string, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  does_not_contain: 'does not contain',
  matches: 'matches',
  one_of: 'is one of',
};

const COHORT_WORDS: Record<string, string> = { day: 'daily', week: 'weekly', month: 'monthly' };

const STEP_WORDS: Record<string, string> = { page: 'viewed', event: 'event', action: 'clicked element' };

/** `referrer_source` → `referrer source`: the names the schema uses, read aloud. */
const words = (name: string) => name.replaceAll('_', ' ');

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A filter tree in words; it has passed the reports' filter validation, so every node has its shape. */
function filterWords(node: unknown): string {
  if (!isRecord(node)) return '';
  if (Array.isArray(node.and)) return node.and.map(filterWords).join(' and ');
  if (Array.isArray(node.or)) return `(${node.or.map(filterWords).join(' or ')})`;
  if ('not' in node) return `not (${filterWords(node.not)})`;
  const value = Array.isArray(node.values) ? node.values.map(String).join(', ') : String(node.value);
  return `${words(String(node.dimension))} ${OPERATOR_WORDS[String(node.operator)] ?? String(node.operator)} ${value}`;
}

function rangeWords({ range }: ReportRequestDto): string {
  switch (range.period) {
    case 'today':
      return 'today';
    case 'yesterday':
      return 'yesterday';
    case 'last_7_days':
      return 'last 7 days';
    case 'last_30_days':
      return 'last 30 days';
    case 'this_month':
      return 'this month';
    case 'last_month':
      return 'last month';
    case 'last_days':
      return `last ${range.days} days`;
    case 'custom':
      return range.from === range.to ? `${range.from}` : `${range.from} to ${range.to}`;
  }
}

function subject(request: ReportRequestDto): string {
  const metrics = listed((request.metrics ?? []).map(words));
  switch (request.report) {
    case 'overview':
      return metrics || 'Overview';
    case 'timeseries':
      return `${metrics || 'visitors'} per ${request.interval ?? 'day'}`;
    case 'breakdown':
      return `${metrics || 'visitors, visits and pageviews'} by ${words(request.dimension ?? '')}`;
    case 'funnel': {
      const steps = (request.steps ?? []).map((step) =>
        isRecord(step) ? `${STEP_WORDS[String(step.kind)] ?? ''} ${String(step.match)}`.trim() : '',
      );
      return `Funnel ${steps.join(' → ')}${request.dimension ? ` by ${words(request.dimension)}` : ''}`;
    }
    case 'retention':
      return `Retention of ${COHORT_WORDS[request.cohort ?? 'week'] ?? request.cohort} cohorts${request.returnEvent ? ` returning with ${request.returnEvent}` : ''}`;
    case 'paths':
      return `Pages before and after ${request.page ?? ''}`;
  }
}

export function describeRequest(request: ReportRequestDto): string {
  const parts = [capitalized(subject(request)), rangeWords(request)];
  if (request.compare && request.range.from && request.range.to)
    parts.push(`compared with the ${daysInRange(request.range.from, request.range.to)} days before`);
  if (request.goal !== undefined) parts.push(`for the goal “${request.goal}”`);
  const filters = (request.filters ?? []).map(filterWords).filter(Boolean);
  if (filters.length > 0) parts.push(`where ${filters.join(' and ')}`);
  return parts.join(', ');
}
