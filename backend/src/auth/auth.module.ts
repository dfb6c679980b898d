import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { BearerAuth } from './bearer-auth.js';
import { Cookies } from './cookies.js';
import { ExpiredStateSweep } from './expired-state-sweep.js';
import { KnownSource } from './known-source.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { RouteRulesCheck } from './route-rules.check.js';
import { SIGNING_SECRET, SigningSecretModule } from './signing-secret.js';
import { SignInCount } from './sign-in-count.entity.js';
import { SignInCounts } from './sign-in-counts.repository.js';
import { SingleSignOn } from './single-sign-on.js';

/** Sign-in, sessions and the rule every route declares (AccessGuard, for all routes). */
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature([SignInCount, KnownSource]),
    SessionsModule,
    UsersModule,
    ApiKeysModule,
    SigningSecretModule,
    JwtModule.registerAsync({
      imports: [SigningSecretModule],
      inject: [SIGNING_SECRET],
      useFactory: (secret: string) => ({
        secret,
        signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM, expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AccessTokens,
    BearerAuth,
    AuthService,
    LoginThrottle,
    SignInCounts,
    ExpiredStateSweep,
    Cookies,
    SingleSignOn,
    RouteRulesCheck,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
