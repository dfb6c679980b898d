import { valueLabel } from '../reports/dimension-labels.js';
import { formatCount, formatDuration } from '../shared/format.js';
import type { EventsProfile, ProfileVisit } from './api.js';
import { eventTime, type EventsOf } from './events-data.js';

/** A visitor's or a visit's id is long: its first 8 characters tell it apart on the page. */
const SHORT_ID = 8;
const short = (id: string) => (id.length > SHORT_ID ? `${id.slice(0, SHORT_ID)}…` : id);

/** Whose profile, in words: "Visitor 3f9a2c1b…", "User ada@shop.test", "Visit 5d1e7a0c…". */
export function profileTitle(of: EventsOf): string {
  if (of.kind === 'user') return `User ${of.value}`;
  return `${of.kind === 'visitor' ? 'Visitor' : 'Visit'} ${short(of.value)}`;
}

export interface ProfileFigure {
  label: string;
  value: string;
}

/** The profile's figures: first and last seen (in the site's zone), visits, pageviews and events. */
export function profileFigures(profile: EventsProfile, timeZone: string, locale?: string): ProfileFigure[] {
  const seen = (ts: string | null) => (ts === null ? '—' : eventTime(ts, timeZone, locale));
  return [
    { label: 'First seen', value: seen(profile.firstSeen) },
    { label: 'Last seen', value: seen(profile.lastSeen) },
    ...(profile.of === 'session' ? [] : [{ label: 'Visits', value: formatCount(profile.visits, locale) }]),
    { label: 'Pageviews', value: formatCount(profile.pageviews, locale) },
    { label: 'Events', value: formatCount(profile.events, locale) },
  ];
}

/** Where they came from and on what, each line only where known: "Vienna · Austria, Germany". */
export function profileDetails(profile: EventsProfile, locale?: string): ProfileFigure[] {
  const names = (dimension: string, values: string[]) =>
    values.map((value) => valueLabel(dimension, value, locale)).join(', ');
  const countries = names('country', profile.countries);
  const location = [profile.city, countries].filter(Boolean).join(' · ');
  return [
    { label: 'Location', value: location },
    { label: 'Device', value: names('device', profile.devices) },
    { label: 'Browser', value: names('browser', profile.browsers) },
    { label: 'System', value: names('os', profile.systems) },
    { label: 'Signed in as', value: profile.of === 'user' ? '' : profile.userId },
  ].filter(({ value }) => value !== '');
}

export interface ProfileVisitLine {
  sessionId: string;
  started: string;
  duration: string;
  source: string;
  /** Entry and exit page: "/ → /pricing", one page once. */
  pages: string;
  pageviews: string;
  events: string;
}

const seconds = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`) / 1000;

/** Their newest visits as rows: when, how long, from where, through which pages. */
export function profileVisitLines(
  visits: ProfileVisit[],
  timeZone: string,
  locale?: string,
): ProfileVisitLine[] {
  return visits.map((visit) => ({
    sessionId: visit.sessionId,
    started: eventTime(visit.started, timeZone, locale),
    duration: formatDuration(seconds(visit.ended) - seconds(visit.started), locale),
    source: valueLabel('referrer_source', visit.source, locale),
    pages:
      visit.entryPage === visit.exitPage
        ? visit.entryPage || '—'
        : `${visit.entryPage || '—'} → ${visit.exitPage || '—'}`,
    pageviews: formatCount(visit.pageviews, locale),
    events: formatCount(visit.events, locale),
  }));
}

/** What the visits list holds of all of them: "2 visits", or "The newest 20 of 31 visits". */
export const profileVisitsShown = (profile: EventsProfile, locale?: string) =>
  profile.visitList.length >= profile.visits
    ? `${formatCount(profile.visits, locale)} ${profile.visits === 1 ? 'visit' : 'visits'}`
    : `The newest ${formatCount(profile.visitList.length, locale)} of ${formatCount(profile.visits, locale)} visits`;
