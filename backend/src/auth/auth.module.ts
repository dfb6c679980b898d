import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StateStore } from '../state/state-store.js';
import { UsersModule } from '../users/users.module.js';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ExpiredStateSweep } from './expired-state-sweep.js';
import { KnownSource } from './known-source.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { RouteRulesCheck } from './route-rules.check.js';
import { SessionCookie } from './session-cookie.js';
import { SignInCount } from './sign-in-count.entity.js';
import { SignInCounts } from './sign-in-counts.repository.js';
import { SingleSignOn } from './single-sign-on.js';

/** SLUICE_JWT_SECRET, else one generated on the first start and kept in the state store. */
const jwtSecret = (config: AppConfig, state: StateStore) =>
  config.jwtSecret ??
  state.update<string>('secret:jwt', (kept) => kept ?? randomBytes(32).toString('base64url'))!;

/** Sign-in, sessions and the rule every route declares (AccessGuard, for all routes). */
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature([SignInCount, KnownSource]),
    SessionsModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG, StateStore],
      useFactory: (config: AppConfig, state: StateStore) => ({
        secret: jwtSecret(config, state),
        signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM, expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AccessTokens,
    AuthService,
    LoginThrottle,
    SignInCounts,
    ExpiredStateSweep,
    SessionCookie,
    SingleSignOn,
    RouteRulesCheck,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
