import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { createFlag, updateFlag, type FeatureFlag, type FlagFields, type FlagRule } from './api';
import { ATTRIBUTE_LABELS, EVEN_SPLIT, NEW_FLAG, ruleValues, variantsProblem } from './flags-data';

const ATTRIBUTES = Object.keys(ATTRIBUTE_LABELS) as FlagRule['attribute'][];

/** A new flag, or the whole of one being edited: key, description, rollout, variants and targeting rules. */
export function FlagForm({
  siteId,
  editing,
  onSaved,
}: {
  siteId: number;
  editing?: FeatureFlag;
  onSaved: () => void;
}) {
  const { accessToken } = useSession();
  const [flag, setFlag] = useState<FlagFields>(editing ?? NEW_FLAG);
  // Rule values as typed (comma-separated), split when sent.
  const [valueTexts, setValueTexts] = useState(flag.rules.map((rule) => rule.values.join(', ')));
  const problem = variantsProblem(flag.variants);
  const save = useAction(
    () => {
      const whole = {
        ...flag,
        rules: flag.rules.map((rule, index) => ({ ...rule, values: ruleValues(valueTexts[index]) })),
      };
      return editing
        ? updateFlag(accessToken ?? '', siteId, editing.id, whole)
        : createFlag(accessToken ?? '', siteId, whole);
    },
    () => {
      if (!editing) {
        setFlag(NEW_FLAG);
        setValueTexts([]);
      }
      onSaved();
    },
  );
  const change = (changes: Partial<FlagFields>) => setFlag({ ...flag, ...changes });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const heading = editing ? `Edit ${editing.key}` : 'Add a flag';
  const headingId = editing ? `flag-form-${editing.id}` : 'flag-form-new';

  return (
    <form className="flags-form" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <TextField
        label="Key"
        value={flag.key}
        onChange={(key) => change({ key })}
        placeholder="new-checkout"
        required
        maxLength={64}
        pattern="[a-z0-9]+([\-_][a-z0-9]+)*"
        title="Lower-case letters and digits, words joined by - or _"
      />
      <TextField
        label="Description"
        value={flag.description}
        onChange={(description) => change({ description })}
        maxLength={500}
      />
      <label>
        Rollout: {flag.rollout}% of visitors
        <input
          type="range"
          min={0}
          max={100}
          value={flag.rollout}
          onChange={(event) => change({ rollout: Number(event.target.value) })}
        />
      </label>
      <fieldset>
        <legend>Variants</legend>
        {flag.variants.length === 0 && <p>None: the flag is on or off.</p>}
        {flag.variants.map((variant, index) => (
          <div className="flags-row" key={index}>
            <TextField
              label={`Variant ${index + 1} key`}
              value={variant.key}
              onChange={(key) =>
                change({
                  variants: flag.variants.map((each, at) => (at === index ? { ...each, key } : each)),
                })
              }
              required
              maxLength={64}
            />
            <label>
              Weight (%)
              <input
                type="number"
                min={0}
                max={100}
                value={variant.weight}
                onChange={(event) =>
                  change({
                    variants: flag.variants.map((each, at) =>
                      at === index ? { ...each, weight: Number(event.target.value) } : each,
                    ),
                  })
                }
              />
            </label>
            <button
              type="button"
              onClick={() => change({ variants: flag.variants.filter((_, at) => at !== index) })}
            >
              Remove variant {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            change({
              variants: flag.variants.length === 0 ? EVEN_SPLIT : [...flag.variants, { key: '', weight: 0 }],
            })
          }
        >
          Add a variant
        </button>
        {problem && <p role="status">{problem}</p>}
      </fieldset>
      <fieldset>
        <legend>Who gets it</legend>
        <p className="flags-note">
          {flag.rules.length === 0 ? 'Every visitor: no rule yet.' : 'Visitors for whom every rule holds.'}
        </p>
        {flag.rules.map((rule, index) => (
          <div className="flags-row" key={index}>
            <label>
              Rule {index + 1}
              <select
                value={rule.attribute}
                onChange={(event) =>
                  change({
                    rules: flag.rules.map((each, at) =>
                      at === index
                        ? { ...each, attribute: event.target.value as FlagRule['attribute'] }
                        : each,
                    ),
                  })
                }
              >
                {ATTRIBUTES.map((attribute) => (
                  <option key={attribute} value={attribute}>
                    {ATTRIBUTE_LABELS[attribute]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Rule {index + 1} match
              <select
                value={rule.operator}
                onChange={(event) =>
                  change({
                    rules: flag.rules.map((each, at) =>
                      at === index ? { ...each, operator: event.target.value as FlagRule['operator'] } : each,
                    ),
                  })
                }
              >
                <option value="in">is one of</option>
                <option value="not_in">is none of</option>
              </select>
            </label>
            <TextField
              label={`Rule ${index + 1} values, comma-separated`}
              value={valueTexts[index] ?? ''}
              onChange={(text) => setValueTexts(valueTexts.map((each, at) => (at === index ? text : each)))}
              placeholder={
                rule.attribute === 'path' ? '/pricing*' : rule.attribute === 'userId' ? 'present' : ''
              }
              required
            />
            <button
              type="button"
              onClick={() => {
                change({ rules: flag.rules.filter((_, at) => at !== index) });
                setValueTexts(valueTexts.filter((_, at) => at !== index));
              }}
            >
              Remove rule {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => {
            change({ rules: [...flag.rules, { attribute: 'path', operator: 'in', values: [] }] });
            setValueTexts([...valueTexts, '']);
          }}
        >
          Add a rule
        </button>
      </fieldset>
      <button type="submit" disabled={save.busy || problem !== undefined}>
        {editing ? 'Save flag' : 'Add flag'}
      </button>
      <ErrorNotice message={save.error} />
    </form>
  );
}
