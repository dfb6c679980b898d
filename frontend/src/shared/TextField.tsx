import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A labelled text input whose value lives in the caller's state: how every form of the panel asks for text. */
export function TextField({
  label,
  value,
  onChange,
  ...input
}: { label: ReactNode; value: string; onChange: (value: string) => void } & InputProps) {
  return (
    <label>
      {label}
      <input {...input} value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
