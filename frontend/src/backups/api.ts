import type { Schemas } from '../api/schemas.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/backups` (owners only): the folder's archives, the schedule and the running or last job. */
export type Backups = Schemas['BackupsDto'];
export type StoredBackup = Schemas['StoredBackupDto'];
export type BackupJob = Schemas['BackupJobDto'];

export const fetchBackups = (token: string, signal: AbortSignal): Promise<Backups> =>
  dataOf(api.GET('/api/backups', authorized(token, signal)), signal);

/** A backup now; without a passphrase the backend's SLUICE_BACKUP_PASSPHRASE seals it. */
export const startBackup = (token: string, passphrase: string | undefined): Promise<BackupJob> =>
  apiRequest<BackupJob>('POST', '/backups', { token, body: passphrase ? { passphrase } : {} });

/** An archive's bytes, for the browser to save. */
export const fetchArchive = (name: string, token: string): Promise<Blob> =>
  dataOf(
    api.GET('/api/backups/{name}', {
      headers: { authorization: `Bearer ${token}` },
      params: { path: { name } },
      parseAs: 'blob',
    }),
  );
