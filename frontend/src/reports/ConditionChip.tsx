interface ConditionChipProps {
  /** The condition in words: "Country is DE". */
  text: string;
  /** What the remove button says it removes: "filter", "condition". */
  noun: string;
  onRemove: () => void;
}

/** One condition of a list, with a button that removes it. */
export function ConditionChip({ text, noun, onRemove }: ConditionChipProps) {
  return (
    <li className="filter-chip">
      {text}
      <button type="button" className="link-button" aria-label={`Remove ${noun} ${text}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
