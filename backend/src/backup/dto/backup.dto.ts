import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { ARCHIVE_PATTERN } from '../archive-file.js';
import { MIN_PASSPHRASE_LENGTH } from '../sealed-secrets.js';
import type { BackupProgress } from '../progress.js';
import type { StoredBackup } from '../backup-folder.js';
import type { BackupJob } from '../backup-jobs.js';

const PASSPHRASE_RULE = `$property must be ${MIN_PASSPHRASE_LENGTH} to 1024 characters`;

/** `POST /api/backups`: a backup now, as a job. */
export class StartBackupDto {
  @ApiPropertyOptional({
    minLength: MIN_PASSPHRASE_LENGTH,
    maxLength: 1024,
    description:
      "Seals the archive's secrets; a restore needs it. Never stored. Unset: SLUICE_BACKUP_PASSPHRASE (a 400 when that is not set either).",
  })
  @IsOptional()
  @Length(MIN_PASSPHRASE_LENGTH, 1024, { message: PASSPHRASE_RULE })
  @IsString({ message: '$property must be a string' })
  passphrase?: string;
}

/** `:name` of an archive in the backups folder. */
export class BackupNameParamDto {
  @ApiProperty({ example: 'sluice-backup-2026-12-01T03-00-00-000Z.tar.gz' })
  @Matches(ARCHIVE_PATTERN, { message: '$property must name a backup (sluice-backup-<time>.tar.gz)' })
  name!: string;
}

export class BackupProgressDto implements BackupProgress {
  @ApiProperty({ enum: ['metadata', 'hot state', 'secrets', 'clickhouse', 'packing', 'verifying', 'done'] })
  stage!: BackupProgress['stage'];
  @ApiProperty({ type: 'integer' }) tablesDone!: number;
  @ApiProperty({ type: 'integer' }) tablesTotal!: number;
  @ApiProperty({ type: 'integer' }) partitionsDone!: number;
  @ApiProperty({ type: 'integer' }) partitionsTotal!: number;
  @ApiProperty({ type: 'integer', description: 'Partitions unchanged since the archive this one builds on' })
  partitionsUnchanged!: number;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: 'integer', description: 'Compressed bytes of partition files written' })
  bytes!: number;
  @ApiProperty({ type: String, nullable: true, example: 'events 202611' }) current!: string | null;
}

export class BackupJobDto implements BackupJob {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) state!: BackupJob['state'];
  @ApiProperty({
    description: "Who started it: an owner's email, or `schedule`",
    example: 'owner@example.com',
  })
  startedBy!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: BackupProgressDto }) progress!: BackupProgressDto;
  @ApiProperty({ type: String, nullable: true, description: 'The archive written, once done' }) file!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed' }) error!: string | null;
}

export class StoredBackupDto implements StoredBackup {
  @ApiProperty({ example: 'sluice-backup-2026-12-01T03-00-00-000Z.tar.gz' }) name!: string;
  @ApiProperty({ type: 'integer' }) bytes!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The archive it builds on; null: a full backup' })
  previous!: string | null;
  @ApiProperty({ type: [String], description: 'Every earlier archive a restore needs beside it' })
  needs!: string[];
  @ApiProperty({ type: 'integer' }) partitionsWritten!: number;
  @ApiProperty({ type: 'integer' }) partitionsUnchanged!: number;
}

/** `GET /api/backups`: the folder, the schedule and what is in the folder. */
export class BackupsDto {
  @ApiProperty({ description: 'SLUICE_BACKUP_DIR, as the backend sees it' }) folder!: string;
  @ApiProperty({ enum: ['off', 'hourly', 'daily', 'weekly'] }) schedule!: string;
  @ApiProperty({ type: 'integer', description: 'Archives the schedule keeps (SLUICE_BACKUP_KEEP)' })
  keep!: number;
  @ApiProperty({ description: 'SLUICE_BACKUP_PASSPHRASE is set: a backup may be started without one' })
  passphraseConfigured!: boolean;
  @ApiProperty({ description: 'The command that restores an archive (on a stopped or fresh install)' })
  restoreCommand!: string;
  @ApiProperty({ type: [StoredBackupDto], description: 'Newest first' }) backups!: StoredBackupDto[];
  @ApiProperty({ type: BackupJobDto, nullable: true, description: 'The running or last backup job' })
  job!: BackupJobDto | null;
}
