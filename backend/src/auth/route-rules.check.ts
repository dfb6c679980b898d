import { Injectable, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
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

/** Refuses to start an app with a route that declares no access rule: none is open by omission. */
@Injectable()
export class RouteRulesCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const missing = this.routes().filter(({ rule }) => !rule);
    if (missing.length > 0)
      throw new Error(
        `routes without an access rule (@Public, @Requires or @SignedIn): ${missing.map(({ method, path }) => `${method} ${path}`).join(', ')}`,
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
