import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenGuard } from './api-token.guard.js';

/** Every route needs credentials unless it is marked `@Public()`. */
@Module({ providers: [{ provide: APP_GUARD, useClass: ApiTokenGuard }] })
export class AuthModule {}
