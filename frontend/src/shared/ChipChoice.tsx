/**
 * One of a few views of a card, chosen by pressed chips (a breakdown's tabs, the first-party proxy's web
 * servers): a labelled group of toggle buttons, the chosen one pressed.
 */
export function ChipChoice<T>({
  label,
  options,
  chosen,
  nameOf,
  onChoose,
}: {
  label: string;
  options: readonly T[];
  chosen: T;
  nameOf: (option: T) => string;
  onChoose: (option: T) => void;
}) {
  return (
    <div className="breakdown-tabs" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={nameOf(option)}
          type="button"
          className="chip"
          aria-pressed={option === chosen}
          onClick={() => onChoose(option)}
        >
          {nameOf(option)}
        </button>
      ))}
    </div>
  );
}
