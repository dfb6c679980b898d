import { useState } from 'react';
import type { ReportRequest } from '../reports/report-request';
import { useBreakdownQuery } from './useBreakdownQuery';

/** The most property keys the picker offers: their names, most visitors first. */
const MAX_KEYS = 100;

/**
 * The custom property a Properties tab shows the values of: the one chosen, else the period's with the most
 * visitors. Its keys are asked only while the tab is shown and in view (`enabled`); `keys` is undefined until
 * they answer.
 */
export function usePropertyKey(request: ReportRequest, enabled: boolean) {
  const [chosen, choose] = useState<string>();
  const keys = useBreakdownQuery(
    { ...request, comparison: undefined, dimension: 'prop_key', limit: MAX_KEYS },
    enabled,
  );
  const names = keys.data?.rows.map((row) => row.value);
  const key = chosen !== undefined && names?.includes(chosen) ? chosen : names?.[0];
  return { keys, names, key, choose };
}
