import type { AlertChannel, AlertFiring, AlertRule } from './alert.entities.js';
import { escapeHtml } from '../mail/html.js';
import type { Email } from '../mail/mailer.js';

/** What a notification is about: the rule, its site, and the firing (or the test-fire). */
export interface Notice {
  rule: AlertRule;
  site: { id: number; name: string };
  firing: AlertFiring;
  /** Where the rule is seen in the panel. */
  link: string;
}

const CONDITION_WORDS: Record<AlertRule['condition'], string> = {
  above: 'above',
  below: 'below',
  drops_by: 'down by at least (%)',
  rises_by: 'up by at least (%)',
};

/** What the rule watches, in words: "visitors (last 60 min)", "ingest lag (seconds)". */
function watched(rule: AlertRule): string {
  if (rule.signal === 'ingest_lag_seconds') return 'ingest lag (seconds)';
  if (rule.signal === 'refused_percent') return 'refused beacons (%)';
  return `${rule.metric} (last ${rule.windowMinutes} min)`;
}

/** One line saying what happened. */
export function headline({ rule, site, firing }: Notice): string {
  if (firing.resolvedAt !== null)
    return `[resolved] ${site.name}: ${rule.name}: ${watched(rule)} no longer ${CONDITION_WORDS[rule.condition]} ${firing.threshold}`;
  const test = firing.kind === 'test' ? '[test] ' : '';
  return (
    `${test}${site.name}: ${rule.name}: ${watched(rule)} is ${firing.value}, ` +
    `${CONDITION_WORDS[rule.condition]} ${firing.threshold}`
  );
}

/** The JSON a webhook channel receives (documented in docs/operations.md). */
export function webhookPayload(notice: Notice): object {
  const { rule, site, firing, link } = notice;
  return {
    type:
      firing.kind === 'test' ? 'alert.test' : firing.resolvedAt === null ? 'alert.fired' : 'alert.resolved',
    firing: {
      id: firing.id,
      value: firing.value,
      threshold: firing.threshold,
      firedAt: new Date(firing.firedAt).toISOString(),
      resolvedAt: firing.resolvedAt === null ? null : new Date(firing.resolvedAt).toISOString(),
    },
    rule: {
      id: rule.id,
      name: rule.name,
      signal: rule.signal,
      metric: rule.metric,
      condition: rule.condition,
      windowMinutes: rule.windowMinutes,
    },
    site,
    text: headline(notice),
    link,
  };
}

/** What a Slack incoming webhook (or a compatible one: Mattermost, Rocket.Chat) takes: text, and blocks. */
export function slackPayload(notice: Notice): object {
  const text = headline(notice);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(text)}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${notice.link}|Open the rule in Sluice>` }] },
    ],
  };
}

/** Slack reads &, < and > as markup. */
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function alertEmail(notice: Notice, channel: AlertChannel): Email {
  const text = headline(notice);
  const { firing } = notice;
  const when =
    firing.resolvedAt === null
      ? `Fired at ${new Date(firing.firedAt).toISOString()}.`
      : `Resolved at ${new Date(firing.resolvedAt).toISOString()} (fired at ${new Date(firing.firedAt).toISOString()}).`;
  return {
    to: channel.target,
    subject: `Sluice alert: ${text}`,
    text: `${text}\n\n${when}\n${notice.link}\n`,
    html: `<p><strong>${escapeHtml(text)}</strong></p><p>${when}</p><p><a href="${escapeHtml(notice.link)}">Open the rule in Sluice</a></p>`,
  };
}
