import type { HealthLine } from './health-data';

/** Counts by label, as a two-column table with a caption; `empty` where there are none. */
export function HealthTable({ title, lines, empty }: { title: string; lines: HealthLine[]; empty: string }) {
  return (
    <table className="health-table" aria-label={title}>
      <caption>{title}</caption>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={2}>{empty}</td>
          </tr>
        ) : (
          lines.map((line) => (
            <tr key={line.label}>
              <th scope="row">{line.label}</th>
              <td className="number">{line.value}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
