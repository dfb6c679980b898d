import { useState, type FormEvent } from 'react';
import { DIMENSION_LABELS, type Dimension } from '../reports/dimension-labels';
import { ErrorNotice } from '../shared/ErrorNotice';
import type { FunnelStep } from './api';
import { MAX_FUNNEL_STEPS, MIN_FUNNEL_STEPS } from '../../../config/src/funnel-link.js';
import { blankStep, draftProblem, WINDOWS, windowLabel } from './funnel-data';

/** What the builder offers to choose from: the site's top pages and events, its autocaptured actions. */
export interface StepSuggestions {
  pages: string[];
  events: string[];
  /** Fingerprint → name, most used first. */
  actions: ReadonlyMap<string, string>;
}

interface FunnelBuilderProps {
  /** The funnel in the URL; the builder drafts changes to it until "Show funnel". */
  steps: FunnelStep[];
  window: number;
  dimension: Dimension | undefined;
  suggestions: StepSuggestions;
  onSteps: (steps: FunnelStep[]) => void;
  onWindow: (seconds: number) => void;
  onDimension: (dimension: Dimension | undefined) => void;
}

const KIND_LABELS: Record<FunnelStep['kind'], string> = { page: 'Page', event: 'Event', action: 'Action' };

/** Swaps the step at `index` with its neighbour `by` places away. */
const moved = (steps: FunnelStep[], index: number, by: number) => {
  const next = [...steps];
  [next[index], next[index + by]] = [next[index + by], next[index]];
  return next;
};

/**
 * The funnel's steps (2 to 10: add, remove, reorder), drafted here and shown with "Show funnel"; the window
 * and the breakdown apply at once. The page remounts the builder when the URL's steps change (back), so the
 * draft always starts from the funnel shown.
 */
export function FunnelBuilder(props: FunnelBuilderProps) {
  const { window, dimension, suggestions, onSteps, onWindow, onDimension } = props;
  const [steps, setSteps] = useState<FunnelStep[]>(
    props.steps.length > 0 ? props.steps : [blankStep(), blankStep()],
  );
  const [problem, setProblem] = useState<string>();
  const change = (index: number, changes: Partial<FunnelStep>) =>
    setSteps(steps.map((step, other) => (other === index ? { ...step, ...changes } : step)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = draftProblem(steps);
    setProblem(found);
    if (!found) onSteps(steps.map((step) => ({ ...step, match: step.match.trim() })));
  };
  const windows = WINDOWS.some(([seconds]) => seconds === window)
    ? WINDOWS
    : [...WINDOWS, [window, windowLabel(window)] as [number, string]];

  return (
    <form className="card funnels-builder" onSubmit={submit} aria-labelledby="funnels-builder-heading">
      <h2 id="funnels-builder-heading">Funnel steps</h2>
      <ol className="funnels-steps">
        {steps.map((step, index) => (
          <li key={index} className="funnels-step">
            <span className="funnels-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <fieldset className="funnels-step-fields">
              <legend className="visually-hidden">Step {index + 1}</legend>
              <label>
                Kind
                <select
                  value={step.kind}
                  onChange={(event) =>
                    change(index, {
                      kind: event.target.value as FunnelStep['kind'],
                      match: '',
                      propertyKey: null,
                      propertyValue: null,
                    })
                  }
                >
                  {Object.entries(KIND_LABELS).map(([kind, label]) => (
                    <option key={kind} value={kind}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <StepMatch
                step={step}
                suggestions={suggestions}
                onChange={(match) => change(index, { match })}
              />
              {step.kind === 'event' && (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={step.propertyKey !== null}
                    onChange={(event) =>
                      change(
                        index,
                        event.target.checked
                          ? { propertyKey: '', propertyValue: '' }
                          : { propertyKey: null, propertyValue: null },
                      )
                    }
                  />
                  with a property
                </label>
              )}
              {step.kind === 'event' && step.propertyKey !== null && (
                <>
                  <label>
                    Property
                    <input
                      value={step.propertyKey}
                      placeholder="plan"
                      maxLength={64}
                      onChange={(event) => change(index, { propertyKey: event.target.value })}
                    />
                  </label>
                  <label>
                    Value
                    <input
                      value={step.propertyValue ?? ''}
                      placeholder="pro"
                      maxLength={512}
                      onChange={(event) => change(index, { propertyValue: event.target.value })}
                    />
                  </label>
                </>
              )}
            </fieldset>
            <div className="funnels-step-tools">
              <button
                type="button"
                className="link-button"
                aria-label={`Move step ${index + 1} up`}
                disabled={index === 0}
                onClick={() => setSteps(moved(steps, index, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Move step ${index + 1} down`}
                disabled={index === steps.length - 1}
                onClick={() => setSteps(moved(steps, index, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove step ${index + 1}`}
                disabled={steps.length <= MIN_FUNNEL_STEPS}
                onClick={() => setSteps(steps.filter((_, other) => other !== index))}
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
      <datalist id="funnels-pages">
        {suggestions.pages.map((page) => (
          <option key={page} value={page} />
        ))}
      </datalist>
      <datalist id="funnels-events">
        {suggestions.events.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="funnels-tools">
        <button
          type="button"
          className="link-button"
          disabled={steps.length >= MAX_FUNNEL_STEPS}
          onClick={() => setSteps([...steps, blankStep()])}
        >
          + Add step
        </button>
        <label className="field">
          Conversion window
          <select value={window} onChange={(event) => onWindow(Number(event.target.value))}>
            {windows.map(([seconds, label]) => (
              <option key={seconds} value={seconds}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Break down by
          <select
            value={dimension ?? ''}
            onChange={(event) => onDimension((event.target.value || undefined) as Dimension | undefined)}
          >
            <option value="">Nothing</option>
            {Object.entries(DIMENSION_LABELS).map(([name, label]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show funnel</button>
      </div>
      <ErrorNotice message={problem} />
    </form>
  );
}

/** A step's match: a page pattern or event name typed (with the site's as suggestions), an action chosen. */
function StepMatch({
  step,
  suggestions,
  onChange,
}: {
  step: FunnelStep;
  suggestions: StepSuggestions;
  onChange: (match: string) => void;
}) {
  if (step.kind === 'action')
    return (
      <label>
        Action
        <select value={step.match} onChange={(event) => onChange(event.target.value)}>
          <option value="">
            {suggestions.actions.size === 0 ? 'No autocaptured actions in this period' : 'Choose an action'}
          </option>
          {[...suggestions.actions].map(([fingerprint, name]) => (
            <option key={fingerprint} value={fingerprint}>
              {name || fingerprint}
            </option>
          ))}
          {step.match && !suggestions.actions.has(step.match) && (
            <option value={step.match}>{step.match}</option>
          )}
        </select>
      </label>
    );
  const page = step.kind === 'page';
  return (
    <label>
      {page ? 'Page' : 'Event name'}
      <input
        value={step.match}
        list={page ? 'funnels-pages' : 'funnels-events'}
        placeholder={page ? '/pricing or /docs/**' : 'signup'}
        maxLength={2048}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
