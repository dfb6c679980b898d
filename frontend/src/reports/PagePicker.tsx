import { useState, type FormEvent } from 'react';
import type { ReportRequest } from './report-request';
import { useTopPages } from './useTopPages';

/** Of the site's top pages, the ones shown as one-click chips; the rest are in the field's suggestions. */
const CHIPS = 5;

interface PagePickerProps {
  /** The report's request: its range and filters choose the top pages offered. */
  request: ReportRequest;
  /** The chosen page or pattern, if any. */
  page: string | undefined;
  onChoose: (page: string) => void;
  /** What the page is for, for the field's label: "Page", "Heatmap of". */
  label: string;
}

/**
 * Chooses the page a report is about: one of the site's top pages in the range, or a typed path or wildcard
 * pattern (`/blog/**`), as the API takes it.
 */
export function PagePicker({ request, page, onChoose, label }: PagePickerProps) {
  // Remounted when the chosen page changes (back, a link), so the field always starts from it.
  return <PageForm key={page ?? ''} request={request} page={page} onChoose={onChoose} label={label} />;
}

function PageForm({ request, page, onChoose, label }: PagePickerProps) {
  const [typed, setTyped] = useState(page ?? '');
  const [invalid, setInvalid] = useState(false);
  const { pages } = useTopPages(request);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = typed.trim();
    // The API's rule, said before asking it: a path or pattern starts with a slash.
    if (!chosen.startsWith('/')) return setInvalid(true);
    onChoose(chosen);
  };
  return (
    <form className="page-picker" onSubmit={submit} noValidate>
      <label className="field page-picker-field">
        {label}
        <input
          type="text"
          list="page-picker-pages"
          value={typed}
          placeholder="/pricing or /blog/**"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'page-picker-error' : undefined}
          onChange={(event) => {
            setTyped(event.target.value);
            setInvalid(false);
          }}
        />
      </label>
      <datalist id="page-picker-pages">
        {pages.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <button type="submit">Show</button>
      {invalid && (
        <p id="page-picker-error" className="page-picker-error" role="alert">
          A page is a path starting with /, such as /pricing, or a pattern: * within a segment, ** across
          (/blog/**).
        </p>
      )}
      {pages.length > 0 && (
        <div className="page-picker-chips" role="group" aria-label="Top pages">
          {pages.slice(0, CHIPS).map((value) => (
            <button
              key={value}
              type="button"
              className="chip"
              aria-pressed={value === page}
              onClick={() => onChoose(value)}
            >
              {value}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}
