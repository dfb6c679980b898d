import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { createReadStream, statSync } from 'node:fs';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { BackupsService } from './backups.service.js';
import { BackupJobDto, BackupNameParamDto, BackupsDto, StartBackupDto } from './dto/backup.dto.js';

@ApiTags('backups')
@ApiBearerAuth()
@Controller('backups')
@Requires(Role.Owner)
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  /** `GET /api/backups`: the archives in the backups folder (newest first), the schedule and the running job. */
  @Get()
  @ApiOkResponse({ type: BackupsDto })
  list(): Promise<BackupsDto> {
    return this.backups.overview();
  }

  /** `POST /api/backups`: a backup now, as a job (202); its progress is in `GET /api/backups`. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BackupJobDto })
  @ApiConflictResponse({ description: 'A backup is running already' })
  start(@CurrentUser() user: User, @Body() { passphrase }: StartBackupDto): Promise<BackupJobDto> {
    return this.backups.start(user, passphrase);
  }

  /** `GET /api/backups/:name`: the archive, as a download. */
  @Get(':name')
  @ApiProduces('application/gzip')
  @ApiOkResponse({ description: 'The archive (.tar.gz)', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such archive in the backups folder' })
  download(@Param() { name }: BackupNameParamDto): StreamableFile {
    const path = this.backups.archivePath(name);
    return new StreamableFile(createReadStream(path), {
      type: 'application/gzip',
      length: statSync(path).size,
      disposition: `attachment; filename="${name}"`,
    });
  }
}
