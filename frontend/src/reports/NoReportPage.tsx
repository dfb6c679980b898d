/**
 * A page-centred report (paths, the heatmap) before it has a page: while the range's most visited page is
 * being found (useReportPage), or when nothing was viewed; `purpose` says what a typed page would show.
 */
export function NoReportPage({ pending, purpose }: { pending: boolean; purpose: string }) {
  return (
    <p className="card query-state query-state-empty" aria-busy={pending}>
      {pending
        ? 'Finding your most visited page…'
        : `No page was viewed in this period. Choose a longer period, or type a path ${purpose}.`}
    </p>
  );
}
