import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { ConditionForm } from '../reports/ConditionForm';
import { ConditionList } from '../reports/ConditionList';
import { TYPED_DIMENSIONS, withCondition } from '../reports/conditions';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { ConfirmedDelete } from '../shared/ConfirmedDelete';
import { ErrorNotice } from '../shared/ErrorNotice';
import { formatCountOf, formatDateTime } from '../shared/format';
import { QueryState } from '../shared/QueryState';
import { ScrollRegion } from '../shared/ScrollRegion';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import {
  createAlertRule,
  deleteAlertRule,
  setAlertRuleEnabled,
  setDigestSetting,
  testFireAlertRule,
  updateAlertRule,
  type AlertRule,
  type SavedAlertRule,
} from './api';
import {
  deliveryLines,
  describeRule,
  EMPTY_RULE_FORM,
  changedRuleBody,
  GOAL_METRICS,
  newRuleBody,
  ruleForm,
  STATE_LABELS,
  type RuleForm,
} from './alerts-data';
import { metricLabel } from '../overview/overview-data';
import { useSiteGoalsQuery } from '../overview/useGoalsQuery';
import { useAlertHistoryQuery, useAlertRulesQuery, useDigestSettingQuery } from './useAlertsQuery';

/**
 * A site's alert rules with their state, their firing and delivery history and a test-fire button, a form
 * for a new rule (admins and owners; viewers read), and the signed-in user's weekly digest opt-in.
 */
export function AlertsPage({ site, request }: ReportPageProps) {
  const { user } = useSession();
  // A filter's values are suggested from the site's last days, whatever the filter bar holds elsewhere.
  const suggestFrom = { ...request, comparison: undefined, filters: [] };
  const canManage = user?.role !== 'viewer';
  const rules = useAlertRulesQuery(site.id);
  const [saved, setSaved] = useState<SavedAlertRule>();
  const onSaved = (rule: SavedAlertRule) => {
    setSaved(rule);
    rules.retry();
  };
  return (
    <div className="alerts">
      <DigestCard siteId={site.id} />
      <section className="card" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alert rules</h2>
        <QueryState
          query={rules}
          what="the alert rules"
          isEmpty={(list) => list.length === 0}
          empty={
            <p>
              No alert rules yet.{' '}
              {canManage ? 'Add one below.' : 'An admin or owner of this site can add them.'}
            </p>
          }
        >
          {(list) => (
            <ul className="alert-rules">
              {list.map((rule) => (
                <RuleItem
                  key={rule.id}
                  rule={rule}
                  siteId={site.id}
                  canManage={canManage}
                  suggestFrom={suggestFrom}
                  onChanged={rules.retry}
                  onSaved={onSaved}
                />
              ))}
            </ul>
          )}
        </QueryState>
        {saved && saved.newSecrets.length > 0 && (
          <div className="notice" role="status">
            <p>
              Signing secrets of the new channels, shown this once (verify the Sluice-Signature header with
              them):
            </p>
            <ul>
              {saved.newSecrets.map(({ channelId, secret }) => (
                <li key={channelId}>
                  Channel #{channelId}: <code>{secret}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {canManage && <RuleFormCard siteId={site.id} suggestFrom={suggestFrom} onSaved={onSaved} />}
      </section>
    </div>
  );
}

function DigestCard({ siteId }: { siteId: number }) {
  const { accessToken } = useSession();
  const setting = useDigestSettingQuery(siteId);
  const change = useAction(
    (subscribed: boolean) => setDigestSetting(accessToken ?? '', siteId, subscribed),
    setting.retry,
  );
  return (
    <section className="card" aria-labelledby="digest-heading">
      <h2 id="digest-heading">Weekly digest</h2>
      <QueryState query={setting} what="your digest setting">
        {(data) => (
          <>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.subscribed}
                disabled={!data.available || change.busy}
                onChange={(event) => void change.run(event.target.checked)}
              />
              Email me this site’s numbers and top changes every Monday
            </label>
            {!data.available && <p>Digests need an SMTP server: ask the operator to set SLUICE_SMTP_HOST.</p>}
            <ErrorNotice message={change.error} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function RuleItem({
  rule,
  siteId,
  canManage,
  suggestFrom,
  onChanged,
  onSaved,
}: {
  rule: AlertRule;
  siteId: number;
  canManage: boolean;
  suggestFrom: ReportRequest;
  onChanged: () => void;
  onSaved: (rule: SavedAlertRule) => void;
}) {
  const { accessToken } = useSession();
  const token = accessToken ?? '';
  const [showHistory, setShowHistory] = useState(false);
  const [editing, setEditing] = useState(false);
  const [tested, setTested] = useState(false);
  const testFire = useAction(
    () => testFireAlertRule(token, siteId, rule.id),
    () => setTested(true),
  );
  const toggle = useAction(() => setAlertRuleEnabled(token, siteId, rule.id, !rule.enabled), onChanged);
  const remove = useAction(() => deleteAlertRule(token, siteId, rule.id), onChanged);
  return (
    <li className="alert-rule" aria-label={rule.name}>
      <div className="alert-rule-head">
        <strong>{rule.name}</strong>
        <span className={`alert-state alert-state-${rule.state}`}>
          {rule.enabled ? STATE_LABELS[rule.state] : 'Off'}
        </span>
      </div>
      <p>
        {describeRule(rule)}; {formatCountOf(rule.consecutive, 'evaluation')} in a row, cooldown{' '}
        {rule.cooldownMinutes} min. Last value: {rule.lastValue ?? '—'}. Channels:{' '}
        {rule.channels.map(({ kind, target }) => `${kind} ${target}`).join(', ') || 'none'}.
      </p>
      <div className="alert-rule-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => setShowHistory(!showHistory)}
          aria-expanded={showHistory}
        >
          {showHistory ? 'Hide history' : 'History'}
        </button>
        {canManage && (
          <>
            <button
              type="button"
              className="link-button"
              onClick={() => void testFire.run()}
              disabled={testFire.busy}
            >
              Test-fire
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              Edit
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => void toggle.run()}
              disabled={toggle.busy}
            >
              {rule.enabled ? 'Turn off' : 'Turn on'}
            </button>
            <ConfirmedDelete what={`the alert ${rule.name}`} remove={remove} />
          </>
        )}
      </div>
      {tested && <p role="status">Test notification sent: its deliveries appear in the history.</p>}
      <ErrorNotice message={testFire.error ?? toggle.error} />
      {editing && (
        <RuleFormCard
          siteId={siteId}
          rule={rule}
          suggestFrom={suggestFrom}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {showHistory && <RuleHistory siteId={siteId} ruleId={rule.id} />}
    </li>
  );
}

function RuleHistory({ siteId, ruleId }: { siteId: number; ruleId: number }) {
  const history = useAlertHistoryQuery(siteId, ruleId);
  return (
    <div className="alert-history">
      <button type="button" onClick={history.retry} disabled={history.isFetching}>
        Read again
      </button>
      <QueryState
        query={history}
        what="the history"
        isEmpty={(data) => data.firings.length === 0}
        empty={<p>No firings yet.</p>}
      >
        {(data) => (
          <ScrollRegion className="alert-history-scroll" label="Firings, scrollable">
            <table>
              <thead>
                <tr>
                  <th scope="col">Fired</th>
                  <th scope="col">Value</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Deliveries</th>
                </tr>
              </thead>
              <tbody>
                {data.firings.map((firing) => (
                  <tr key={firing.id}>
                    <td>
                      {formatDateTime(firing.firedAt)}
                      {firing.kind === 'test' && ' (test)'}
                    </td>
                    <td>{firing.value}</td>
                    <td>{firing.threshold}</td>
                    <td>{firing.resolvedAt ? formatDateTime(firing.resolvedAt) : '—'}</td>
                    <td>{deliveryLines(firing).join('; ') || 'no channels'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </QueryState>
    </div>
  );
}

/** A new rule, or changes to `rule`: every field, its channels kept or removed, and one channel to add. */
function RuleFormCard({
  siteId,
  rule,
  suggestFrom,
  onSaved,
  onCancel,
}: {
  siteId: number;
  rule?: AlertRule;
  /** Where a filter's values are suggested from. */
  suggestFrom: ReportRequest;
  onSaved: (rule: SavedAlertRule) => void;
  onCancel?: () => void;
}) {
  const { accessToken } = useSession();
  const goals = useSiteGoalsQuery(siteId);
  const [form, setForm] = useState<RuleForm>(rule ? ruleForm(rule) : EMPTY_RULE_FORM);
  const [removed, setRemoved] = useState<ReadonlySet<number>>(new Set());
  const save = useAction(
    () =>
      rule
        ? updateAlertRule(accessToken ?? '', siteId, rule.id, changedRuleBody(form, rule, removed))
        : createAlertRule(accessToken ?? '', siteId, newRuleBody(form)),
    (saved) => {
      setForm(EMPTY_RULE_FORM);
      onSaved(saved);
    },
  );
  const change = (changes: Partial<RuleForm>) => setForm({ ...form, ...changes });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const toggleRemoved = (id: number, remove: boolean) => {
    const next = new Set(removed);
    if (remove) next.add(id);
    else next.delete(id);
    setRemoved(next);
  };
  const metricSignal = form.signal === 'metric';
  const heading = rule ? `Change ${rule.name}` : 'Add a rule';
  const headingId = rule ? `alerts-form-heading-${rule.id}` : 'alerts-form-heading';
  return (
    <form className="alerts-form" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <TextField
        label="Name"
        value={form.name}
        onChange={(name) => change({ name })}
        required
        maxLength={100}
      />
      <label>
        Watch
        <select
          value={form.signal}
          onChange={(event) => change({ signal: event.target.value as RuleForm['signal'] })}
        >
          <option value="metric">A metric of the reports</option>
          <option value="ingest_lag_seconds">Ingest lag (seconds)</option>
          <option value="refused_percent">Refused beacons (%)</option>
        </select>
      </label>
      {metricSignal && (
        <>
          <label>
            Metric
            <select
              value={form.metric}
              onChange={(event) => change({ metric: event.target.value as RuleForm['metric'] })}
            >
              {[
                'visitors',
                'visits',
                'pageviews',
                'events',
                'views_per_visit',
                'bounce_rate',
                'visit_duration',
                'conversions',
                'conversion_rate',
              ].map((metric) => (
                <option key={metric} value={metric}>
                  {metricLabel(metric)}
                </option>
              ))}
            </select>
          </label>
          {GOAL_METRICS.includes(form.metric) && (
            <label>
              Goal
              <select value={form.goal} onChange={(event) => change({ goal: event.target.value })} required>
                <option value="">Choose a goal</option>
                {(goals.data ?? []).map((goal) => (
                  <option key={goal.id} value={String(goal.id)}>
                    {goal.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="alert-filters">
            <legend>Count only where (optional)</legend>
            {form.otherFilters ? (
              <p>
                Filters set through the API: <code>{form.otherFilters}</code>{' '}
                <button type="button" className="link-button" onClick={() => change({ otherFilters: '' })}>
                  Remove them
                </button>
              </p>
            ) : (
              <>
                <ConditionList
                  conditions={form.filters}
                  label="Rule filters"
                  noun="filter"
                  onChange={(filters) => change({ filters })}
                />
                <ConditionForm
                  label="New rule filter"
                  dimensions={TYPED_DIMENSIONS}
                  suggestFrom={suggestFrom}
                  addLabel="Add filter"
                  onAdd={(condition) => change({ filters: withCondition(form.filters, condition) })}
                />
              </>
            )}
          </fieldset>
          <TextField
            label="Window (minutes)"
            type="number"
            min={1}
            max={1440}
            value={form.windowMinutes}
            onChange={(windowMinutes) => change({ windowMinutes })}
            required
          />
        </>
      )}
      <label>
        Condition
        <select
          value={form.condition}
          onChange={(event) => change({ condition: event.target.value as RuleForm['condition'] })}
        >
          <option value="above">Above</option>
          <option value="below">Below</option>
          {metricSignal && <option value="drops_by">Down by % against the window before</option>}
          {metricSignal && <option value="rises_by">Up by % against the window before</option>}
        </select>
      </label>
      <TextField
        label="Threshold"
        type="number"
        step="any"
        value={form.threshold}
        onChange={(threshold) => change({ threshold })}
        required
      />
      <TextField
        label="Evaluations in a row to fire (and to resolve)"
        type="number"
        min={1}
        max={10}
        value={form.consecutive}
        onChange={(consecutive) => change({ consecutive })}
        required
      />
      <TextField
        label="Cooldown (minutes)"
        type="number"
        min={0}
        max={10080}
        value={form.cooldownMinutes}
        onChange={(cooldownMinutes) => change({ cooldownMinutes })}
        required
      />
      {rule && rule.channels.length > 0 && (
        <fieldset>
          <legend>Channels</legend>
          {rule.channels.map((channel) => (
            <label key={channel.id} className="checkbox">
              <input
                type="checkbox"
                checked={removed.has(channel.id)}
                onChange={(event) => toggleRemoved(channel.id, event.target.checked)}
              />
              Remove {channel.kind} {channel.target}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {rule ? 'Add a channel' : 'Channel'}
        <select
          value={form.channelKind}
          onChange={(event) => change({ channelKind: event.target.value as RuleForm['channelKind'] })}
        >
          <option value="webhook">Webhook (signed JSON)</option>
          <option value="slack">Slack-compatible webhook</option>
          <option value="email">Email</option>
        </select>
      </label>
      <TextField
        label={form.channelKind === 'email' ? 'Email address' : 'Webhook URL'}
        value={form.channelTarget}
        onChange={(channelTarget) => change({ channelTarget })}
        maxLength={2048}
      />
      <div className="alert-rule-actions">
        <button type="submit" disabled={save.busy}>
          {rule ? 'Save rule' : 'Add rule'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorNotice message={save.error} />
    </form>
  );
}
