/** Revenue as an amount per currency, one per line (amounts of different currencies are not added up); "—" for none. */
export function RevenueList({ amounts }: { amounts: string[] }) {
  if (amounts.length === 0) return <>—</>;
  return (
    <ul className="goals-revenue">
      {amounts.map((amount) => (
        <li key={amount}>{amount}</li>
      ))}
    </ul>
  );
}

/** A table's revenue cell (RevenueList), named "Revenue" where a phone shows each row as a block. */
export function RevenueCell({ amounts }: { amounts: string[] }) {
  return (
    <td className="number conversions-revenue" data-label="Revenue">
      <RevenueList amounts={amounts} />
    </td>
  );
}
