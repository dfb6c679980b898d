import { errorMessage } from '../common/error-message.js';
import { writeBackup, type BackupOptions, type WrittenBackup } from './backup-writer.js';
import { startingProgress, type BackupProgress } from './progress.js';
import type { BackupSources } from './sources.js';
import { basename } from 'node:path';

/** A backup the backend runs (an owner's, or the schedule's), with its progress as it goes. */
export interface BackupJob {
  id: number;
  state: 'running' | 'done' | 'failed';
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  progress: BackupProgress;
  /** The archive's name, once written. */
  file: string | null;
  error: string | null;
}

/**
 * One backup at a time in this backend: the panel's button and the schedule share it, so two never read the
 * stores at once or race for the folder. The latest job stays readable (its progress, then its outcome).
 */
export class BackupJobs {
  private latest: BackupJob | null = null;
  private nextId = 1;

  constructor(private readonly sources: BackupSources) {}

  current(): BackupJob | null {
    return this.latest;
  }

  isRunning(): boolean {
    return this.latest?.state === 'running';
  }

  /**
   * Starts a backup and answers its job at once; `finished` settles when it ends (it never rejects: a failure
   * is the job's `error`). The caller checks `isRunning` first.
   */
  start(
    startedBy: string,
    options: Omit<BackupOptions, 'onProgress'>,
  ): { job: BackupJob; finished: Promise<WrittenBackup | undefined> } {
    const job: BackupJob = {
      id: this.nextId++,
      state: 'running',
      startedBy,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: startingProgress(),
      file: null,
      error: null,
    };
    this.latest = job;
    const finished = writeBackup(this.sources, {
      ...options,
      onProgress: (progress) => (job.progress = { ...progress }),
    }).then(
      (written) => {
        Object.assign(job, {
          state: 'done',
          file: basename(written.file),
          finishedAt: new Date().toISOString(),
        });
        return written;
      },
      (error: unknown) => {
        Object.assign(job, {
          state: 'failed',
          error: errorMessage(error),
          finishedAt: new Date().toISOString(),
        });
        return undefined;
      },
    );
    return { job, finished };
  }
}
