import { ConditionChip } from './ConditionChip';
import { conditionLabel, writeCondition, type Condition } from './conditions';

interface ConditionListProps {
  conditions: Condition[];
  /** The list's name for assistive technology: "Conditions", "Rule filters". */
  label: string;
  /** What a remove button says it removes: "condition", "filter". */
  noun: string;
  onChange: (conditions: Condition[]) => void;
}

/** Conditions as chips, each with a button that removes it; nothing when there are none. */
export function ConditionList({ conditions, label, noun, onChange }: ConditionListProps) {
  if (conditions.length === 0) return null;
  return (
    <ul className="condition-list" aria-label={label}>
      {conditions.map((condition, index) => (
        <ConditionChip
          key={writeCondition(condition)}
          text={conditionLabel(condition)}
          noun={noun}
          onRemove={() => onChange(conditions.filter((_, other) => other !== index))}
        />
      ))}
    </ul>
  );
}
