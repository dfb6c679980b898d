import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshFamily } from './refresh-family.entity.js';
import { RefreshTokens } from './refresh-tokens.js';

@Module({
  imports: [TypeOrmModule.forFeature([RefreshFamily])],
  providers: [RefreshTokens],
  exports: [RefreshTokens],
})
export class SessionsModule {}
