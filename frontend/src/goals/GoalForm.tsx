import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { createGoal, type NewGoal } from './api';
import { SCROLL_DEPTHS } from './goals-data';

const EMPTY: NewGoal = { name: '', kind: 'page', match: '' };

/**
 * A new goal: a page pattern, an event name with an optional property the event must carry, or a page pattern
 * scrolled down so far.
 */
export function GoalForm({ siteId, onCreated }: { siteId: number; onCreated: () => void }) {
  const { accessToken } = useSession();
  const [goal, setGoal] = useState<NewGoal>(EMPTY);
  const [withProperty, setWithProperty] = useState(false);
  const create = useAction(
    () =>
      createGoal(accessToken ?? '', siteId, {
        name: goal.name,
        kind: goal.kind,
        match: goal.match,
        ...(goal.kind === 'scroll' && { scrollDepth: goal.scrollDepth ?? SCROLL_DEPTHS[0] }),
        ...(goal.kind === 'event' &&
          withProperty && { propertyKey: goal.propertyKey ?? '', propertyValue: goal.propertyValue ?? '' }),
      }),
    () => {
      setGoal(EMPTY);
      setWithProperty(false);
      onCreated();
    },
  );
  const change = (changes: Partial<NewGoal>) => setGoal({ ...goal, ...changes });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <form className="goals-form" onSubmit={submit} aria-labelledby="goals-form-heading">
      <h3 id="goals-form-heading">Add a goal</h3>
      <TextField
        label="Name"
        value={goal.name}
        onChange={(name) => change({ name })}
        required
        maxLength={100}
      />
      <label>
        Counts
        <select
          value={goal.kind}
          onChange={(event) => change({ kind: event.target.value as NewGoal['kind'] })}
        >
          <option value="page">Pageviews of a page</option>
          <option value="event">An event</option>
          <option value="scroll">Scroll depth on a page</option>
        </select>
      </label>
      <TextField
        label={goal.kind === 'event' ? 'Event name' : 'Page (* within a path segment, ** across)'}
        value={goal.match}
        onChange={(match) => change({ match })}
        placeholder={
          goal.kind === 'event' ? 'signup' : goal.kind === 'scroll' ? '/blog/**' : '/checkout/**/done'
        }
        required
        maxLength={2048}
      />
      {goal.kind === 'scroll' && (
        <label>
          Scrolled at least
          <select
            value={goal.scrollDepth ?? SCROLL_DEPTHS[0]}
            onChange={(event) => change({ scrollDepth: Number(event.target.value) })}
          >
            {SCROLL_DEPTHS.map((depth) => (
              <option key={depth} value={depth}>
                {depth}% of the page
              </option>
            ))}
          </select>
        </label>
      )}
      {goal.kind === 'event' && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={withProperty}
            onChange={(event) => setWithProperty(event.target.checked)}
          />
          Only events with a property
        </label>
      )}
      {goal.kind === 'event' && withProperty && (
        <div className="goals-property">
          <TextField
            label="Property"
            value={goal.propertyKey ?? ''}
            onChange={(propertyKey) => change({ propertyKey })}
            placeholder="plan"
            required
            maxLength={64}
          />
          <TextField
            label="Value"
            value={goal.propertyValue ?? ''}
            onChange={(propertyValue) => change({ propertyValue })}
            placeholder="pro"
            maxLength={512}
          />
        </div>
      )}
      <button type="submit" disabled={create.busy}>
        Add goal
      </button>
      <ErrorNotice message={create.error} />
    </form>
  );
}
