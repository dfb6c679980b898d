import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from '../config/app-config.js';
import { Metrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { requestLogging } from './request-logging.js';

/** Structured request logs with request ids (pino), and Prometheus metrics (which any module may count in). */
@Global()
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: requestLogging })],
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class ObservabilityModule {}
