/** A column of a table's header: its title, and whether it holds numbers (right-aligned, as its cells). */
export interface Column {
  label: string;
  number?: boolean;
  /** More classes for the header cell (a column hidden on a phone, …). */
  className?: string;
  /** The title is for screen readers only (a column of buttons that name themselves). */
  unseen?: boolean;
}

const classesOf = (column: Column) =>
  [column.number && 'number', column.className].filter(Boolean).join(' ') || undefined;

/** A report table's header row; a column given as `false` (one shown only sometimes) is left out. */
export function TableHeader({ columns }: { columns: (Column | false)[] }) {
  return (
    <thead>
      <tr>
        {columns
          .filter((column) => column !== false)
          .map((column) => (
            <th key={column.label} scope="col" className={classesOf(column)}>
              {column.unseen ? <span className="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
      </tr>
    </thead>
  );
}
