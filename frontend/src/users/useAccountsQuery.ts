import { useApiQuery, type QueryResult } from '../shared/useApiQuery';
import { fetchAccounts, type Account } from './api';

/** Who may sign in (owners only): the Users page and the audit log's names share it. */
export function useAccountsQuery(): QueryResult<Account[]> {
  return useApiQuery(['users'], fetchAccounts);
}
