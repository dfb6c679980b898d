/**
 * The app refuses to start with a route that is open by omission, or that takes API keys without being a
 * report of one site (RouteRulesCheck): API keys are read-only by construction, not by review.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Controller, Get, Module, Post, SetMetadata, type Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { ACCESS, SiteReport, type AccessRule } from '../src/auth/access.decorator.js';
import { RouteRulesCheck } from '../src/auth/route-rules.check.js';
import { Role } from '../src/users/role.js';

/** Starts a context with `controller` and the check alone; the check's error, or undefined when it starts. */
async function startWith(controller: Type): Promise<string | undefined> {
  @Module({ imports: [DiscoveryModule], controllers: [controller], providers: [RouteRulesCheck] })
  class Checked {}
  // Creating a context initialises it: the check runs there.
  try {
    const app = await NestFactory.createApplicationContext(Checked, { logger: false, abortOnError: false });
    await app.close();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const takesKeys = (rule: Omit<AccessRule, 'apiKey'>) => SetMetadata(ACCESS, { ...rule, apiKey: true });

test('a report of a site takes API keys', async () => {
  @Controller('sites/:siteId')
  class Reports {
    @SiteReport()
    @Get('overview')
    overview() {}
  }
  assert.equal(await startWith(Reports), undefined);
});

test('a route that writes, reads beyond one site, or needs more than a viewer may not take API keys', async () => {
  @Controller('sites')
  class Misdeclared {
    @takesKeys({ role: Role.Viewer, site: true })
    @Post(':siteId/key')
    rotate() {}

    @takesKeys({ role: Role.Viewer })
    @Get()
    list() {}

    @takesKeys({ role: Role.Admin, site: true })
    @Get(':siteId/secrets')
    secrets() {}
  }
  assert.equal(
    await startWith(Misdeclared),
    'routes taking API keys must be GET reports of a site, for viewers: POST /sites/:siteId/key, GET /sites, GET /sites/:siteId/secrets',
  );
});

test('a route without an access rule stops the start', async () => {
  @Controller('open')
  class Undeclared {
    @Get()
    open() {}
  }
  assert.equal(
    await startWith(Undeclared),
    'routes without an access rule (@Public, @Requires, @SignedIn or @SiteReport): GET /open',
  );
});
