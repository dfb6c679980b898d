import { Module } from '@nestjs/common';
import { RefreshTokens } from './refresh-tokens.js';

@Module({ providers: [RefreshTokens], exports: [RefreshTokens] })
export class SessionsModule {}
