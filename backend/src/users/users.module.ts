import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { Passwords } from './passwords.js';
import { SiteAccess } from './site-access.js';
import { TwoFactor } from './two-factor.js';
import { SiteGrant } from './site-grant.entity.js';
import { User } from './user.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, SiteGrant, UserIdentity]), SessionsModule, AuditModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, SiteAccess, TwoFactor, Passwords],
  exports: [UsersService, SiteAccess, TwoFactor, Passwords],
})
export class UsersModule {}
