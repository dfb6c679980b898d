import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { Public } from '../auth/access.decorator.js';
import { HealthService, type Readiness } from './health.service.js';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Alive: the process answers (the image's health check). */
  @Public()
  @Get('health')
  alive() {
    return { status: 'ok' };
  }

  /** Ready: ClickHouse and the metadata database answer; 503 naming what doesn't. */
  @Public()
  @Get('ready')
  @HttpCode(HttpStatus.OK)
  async ready(@Res({ passthrough: true }) response: { status(code: number): void }): Promise<Readiness> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
