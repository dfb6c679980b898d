import { Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Role } from '../users/role.js';
import { ACCESS, type AccessRule } from './access.decorator.js';

/** A route a controller declares: method, path (without the global prefix) and its access rule. */
export interface DeclaredRoute {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

const list = (routes: DeclaredRoute[]) => routes.map(({ method, path }) => `${method} ${path}`).join(', ');

/**
 * Refuses to start an app with a route that declares no access rule (none is open by omission), or that takes
 * API keys without being a report.
 */
@Injectable()
export class RouteRulesCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const routes = this.routes();
    const missing = routes.filter(({ rule }) => !rule);
    if (missing.length > 0)
      throw new Error(
        `routes without an access rule (@Public, @Requires, @SignedIn or @SiteReport): ${list(missing)}`,
      );
    // API keys are read-only by construction: no route that changes anything, or reads beyond one site, takes one.
    const beyondReports = routes.filter(
      ({ method, rule }) => rule?.apiKey && (method !== 'GET' || !rule.site || rule.role !== Role.Viewer),
    );
    if (beyondReports.length > 0)
      throw new Error(
        `routes taking API keys must be GET reports of a site, for viewers: ${list(beyondReports)}`,
      );
  }

  /** Every controller route of the app. */
  routes(): DeclaredRoute[] {
    return this.discovery.getControllers().flatMap(({ instance, metatype }) => {
      if (!instance || !metatype) return [];
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as Record<string, () => unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [handler, metatype]);
        return [{ method, path: joinPath(prefix, path), rule }];
      });
    });
  }
}
