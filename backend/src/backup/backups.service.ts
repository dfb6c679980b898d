import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { applyRetention, listBackups } from './backup-folder.js';
import { BackupJobs, type BackupJob } from './backup-jobs.js';
import type { BackupsDto } from './dto/backup.dto.js';
import { backupSourcesOf } from './sources.js';

/** How an operator restores an archive: a CLI step, with the backend stopped (docs/operations.md). */
const RESTORE_COMMAND = 'npm run restore -- <archive> --passphrase-file <file>';

/** Backups for owners: the folder's archives, a backup now as a job, an archive to download. */
@Injectable()
export class BackupsService {
  private readonly logger = new Logger('Backups');
  private readonly jobs: BackupJobs;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.jobs = new BackupJobs(backupSourcesOf(config));
  }

  async overview(): Promise<BackupsDto> {
    const { folder, schedule, keep, passphrase } = this.config.backup;
    return {
      folder,
      schedule,
      keep,
      passphraseConfigured: passphrase !== undefined,
      restoreCommand: RESTORE_COMMAND,
      backups: await listBackups(folder),
      job: this.jobs.current(),
    };
  }

  /**
   * A backup now, building on the newest archive in the folder (so unchanged partitions are not written
   * again). Answers the job at once; the panel polls `overview` for its progress.
   */
  async start(user: { id: number; email: string }, passphrase: string | undefined): Promise<BackupJob> {
    const chosen = passphrase ?? this.config.backup.passphrase;
    if (chosen === undefined)
      throw new DomainError(
        ErrorCode.Validation,
        "passphrase: needed, since SLUICE_BACKUP_PASSPHRASE is not set (it seals the archive's secrets)",
      );
    const { job } = await this.run(user.email, chosen);
    await this.audit.record(actorOf(user), 'backup.start', `job:${job.id}`);
    return job;
  }

  /** The schedule's backup: the same job, then the retention of the newest SLUICE_BACKUP_KEEP archives. */
  async runScheduled(passphrase: string): Promise<void> {
    const { job, finished } = await this.run('schedule', passphrase);
    await finished;
    const deleted = await applyRetention(this.config.backup.folder, this.config.backup.keep);
    this.logger.log(`Scheduled backup ${job.state}; ${deleted.length} old archive(s) deleted`);
  }

  /** The newest archive's time, for the schedule to tell whether a backup is due. */
  async newestAt(): Promise<number | undefined> {
    const newest = (await listBackups(this.config.backup.folder))[0];
    return newest && Date.parse(newest.createdAt);
  }

  isRunning(): boolean {
    return this.jobs.isRunning();
  }

  /** The path of an archive of the folder; any other name is not found. */
  archivePath(name: string): string {
    const path = join(this.config.backup.folder, name);
    if (!existsSync(path))
      throw new DomainError(ErrorCode.NotFound, `No backup ${name} in the backups folder`);
    return path;
  }

  private async run(startedBy: string, passphrase: string) {
    const { folder } = this.config.backup;
    const newest = (await listBackups(folder))[0];
    // Checked right before starting (no await between): two requests can't both pass.
    if (this.jobs.isRunning())
      throw new DomainError(ErrorCode.Conflict, 'A backup is running already: wait for it to finish');
    const started = this.jobs.start(startedBy, {
      folder,
      passphrase,
      previous: newest && join(folder, newest.name),
    });
    void started.finished.then(() => {
      if (started.job.error) this.logger.error(`Backup ${started.job.id} failed: ${started.job.error}`);
    });
    return started;
  }
}
