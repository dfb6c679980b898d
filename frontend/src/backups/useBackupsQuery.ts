import { useApiQuery } from '../shared/useApiQuery';
import { fetchBackups } from './api';

/** How often the page asks again: a running job's progress moves, and a scheduled backup may appear. */
const REFRESH_MS = 1000;

/** The backups folder and the job, kept fresh while the page is visible. */
export const useBackupsQuery = () => useApiQuery(['backups'], fetchBackups, { refreshEveryMs: REFRESH_MS });
