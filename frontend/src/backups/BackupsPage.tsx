import { useState } from 'react';
import { useSession } from '../auth/session';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { formatDateTime } from '../shared/format';
import { QueryState } from '../shared/QueryState';
import { ScrollRegion } from '../shared/ScrollRegion';
import { useAction } from '../shared/useAction';
import { fetchArchive, startBackup } from './api';
import { backupKind, formatSize, jobFraction, jobSummary } from './backups-data';
import { useBackupsQuery } from './useBackupsQuery';

/**
 * Backups (owners): a backup now with its progress, the archives of the backups folder to download, the
 * schedule, and how to restore (a CLI step on a stopped or fresh install).
 */
export function BackupsPage() {
  const { accessToken } = useSession();
  const backups = useBackupsQuery();
  const [passphrase, setPassphrase] = useState('');
  const start = useAction(
    () => startBackup(accessToken ?? '', passphrase || undefined),
    () => {
      setPassphrase('');
      backups.retry();
    },
  );
  return (
    <section className="card backups" aria-label="Backups">
      <h2>Backups</h2>
      <QueryState query={backups} what="the backups">
        {(overview) => {
          const running = overview.job?.state === 'running';
          return (
            <>
              <p>
                Folder <code>{overview.folder}</code>; schedule: {overview.schedule}
                {overview.schedule !== 'off' && `, keeping the newest ${overview.keep}`}.
              </p>
              <form
                className="toolbar"
                onSubmit={(event) => {
                  event.preventDefault();
                  void start.run();
                }}
              >
                <label>
                  Passphrase{overview.passphraseConfigured ? ' (empty: the configured one)' : ''}
                  <input
                    type="password"
                    autoComplete="new-password"
                    value={passphrase}
                    required={!overview.passphraseConfigured}
                    minLength={12}
                    onChange={(event) => setPassphrase(event.target.value)}
                  />
                </label>
                <button type="submit" disabled={start.busy || running}>
                  Back up now
                </button>
              </form>
              {start.error && <p role="alert">Could not start the backup: {start.error}</p>}
              {overview.job && (
                <div className="backup-job" role="status">
                  <progress value={jobFraction(overview.job)} max={1} aria-label="Backup progress" />
                  <p>{jobSummary(overview.job)}</p>
                </div>
              )}
              {overview.backups.length === 0 ? (
                <p>No backup in the folder yet.</p>
              ) : (
                <ScrollRegion className="backups-scroll" label="Archives, scrollable">
                  <table className="backups-table phone-rows">
                    <thead>
                      <tr>
                        <th scope="col">Archive</th>
                        <th scope="col">Written</th>
                        <th scope="col">Size</th>
                        <th scope="col">Kind</th>
                        <th scope="col">
                          <span className="visually-hidden">Download</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {overview.backups.map((backup) => (
                        <tr key={backup.name}>
                          <td>{backup.name}</td>
                          <td>
                            <time dateTime={backup.createdAt}>{formatDateTime(backup.createdAt)}</time>
                          </td>
                          <td>{formatSize(backup.bytes)}</td>
                          <td>{backupKind(backup)}</td>
                          <td>
                            <CsvDownloadButton
                              fetchCsv={(token) => fetchArchive(backup.name, token)}
                              fileName={backup.name}
                              label="Download"
                              what={backup.name}
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
              <h3>Restoring</h3>
              <p>
                Restore is a command on the server, with the backend stopped (or on a fresh install), so
                nothing writes while the stores are replaced. Keep an incremental archive&apos;s earlier ones
                beside it:
              </p>
              <pre>
                <code>{overview.restoreCommand}</code>
              </pre>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
