/** A column of a table's header: its title, and whether it holds numbers (right-aligned, as its cells). */
export interface Column {
  label: string;
  number?: boolean;
}

/** A report table's header row; a column given as `false` (one shown only sometimes) is left out. */
export function TableHeader({ columns }: { columns: (Column | false)[] }) {
  return (
    <thead>
      <tr>
        {columns
          .filter((column) => column !== false)
          .map((column) => (
            <th key={column.label} scope="col" className={column.number ? 'number' : undefined}>
              {column.label}
            </th>
          ))}
      </tr>
    </thead>
  );
}
