interface SortableHeaderProps<K extends string> {
  column: K;
  label: string;
  /** The column the table is sorted by now. */
  sortedBy: K;
  /** Which way this column sorts: numbers most first, text A–Z. */
  direction: 'descending' | 'ascending';
  onSort: (column: K) => void;
  numeric?: boolean;
}

/**
 * A column header that sorts its table: a button inside the header cell, so it is reached by keyboard, and
 * `aria-sort` on the sorted column, so a screen reader says how the rows are ordered.
 */
export function SortableHeader<K extends string>({
  column,
  label,
  sortedBy,
  direction,
  onSort,
  numeric = false,
}: SortableHeaderProps<K>) {
  const sorted = column === sortedBy;
  return (
    <th scope="col" className={numeric ? 'number' : undefined} aria-sort={sorted ? direction : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {sorted ? (direction === 'descending' ? ' ↓' : ' ↑') : ''}
        </span>
      </button>
    </th>
  );
}

/**
 * The header cells of one table: `header(column, label)` renders a column's SortableHeader with the table's
 * sort, the column's direction and what to do when it is chosen.
 */
export function sortableHeaders<K extends string>(
  sortedBy: K,
  directionOf: (column: K) => 'descending' | 'ascending',
  onSort: (column: K) => void,
) {
  return (column: K, label: string, numeric = true) => (
    <SortableHeader
      key={column}
      column={column}
      label={label}
      sortedBy={sortedBy}
      direction={directionOf(column)}
      onSort={onSort}
      numeric={numeric}
    />
  );
}
