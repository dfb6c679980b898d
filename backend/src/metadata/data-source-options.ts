import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { KnownSource } from '../auth/known-source.entity.js';
import { SignInCount } from '../auth/sign-in-count.entity.js';
import { StoredSecret } from '../auth/stored-secret.entity.js';
import { RefreshFamily } from '../sessions/refresh-family.entity.js';
import type { AppConfig } from '../config/app-config.js';
import { SiteGrant } from '../users/site-grant.entity.js';
import { User } from '../users/user.entity.js';
import { UserIdentity } from '../users/user-identity.entity.js';
import { UsersGrantsAudit1763900000000 } from './migrations/1763900000000-users-grants-audit.js';
import { Sites1763900000001 } from './migrations/1763900000001-sites.js';
import { Totp1763900000002 } from './migrations/1763900000002-totp.js';
import { SignInAttempts1763900000003 } from './migrations/1763900000003-sign-in-attempts.js';
import { SharedSessions1763900000004 } from './migrations/1763900000004-shared-sessions.js';
import { UserIdentities1763900000005 } from './migrations/1763900000005-user-identities.js';
import { CanonicalTimeZones1763900000006 } from './migrations/1763900000006-canonical-time-zones.js';
import { SiteDeletion1763900000007 } from './migrations/1763900000007-site-deletion.js';
import { ApiKeys1763900000008 } from './migrations/1763900000008-api-keys.js';
import { Goals1763900000009 } from './migrations/1763900000009-goals.js';
import { Dashboards1763900000010 } from './migrations/1763900000010-dashboards.js';
import { FeatureFlags1763900000011 } from './migrations/1763900000011-feature-flags.js';
import { AiProvider1763900000012 } from './migrations/1763900000012-ai-provider.js';
import { AiProviderRecord } from '../ai/ai-provider.entity.js';
import { AlertsDigests1763900000014 } from './migrations/1763900000014-alerts-digests.js';
import { Annotations1763900000015 } from './migrations/1763900000015-annotations.js';
import { Segments1763900000016 } from './migrations/1763900000016-segments.js';
import { ScrollGoals1763900000017 } from './migrations/1763900000017-scroll-goals.js';
import { SiteShields1763900000018 } from './migrations/1763900000018-site-shields.js';
import { BlockedPages1763900000019 } from './migrations/1763900000019-blocked-pages.js';
import { AlertChannel, AlertDelivery, AlertFiring, AlertRule } from '../alerts/alert.entities.js';
import { Annotation } from '../annotations/annotation.entity.js';
import { DigestSubscription } from '../digests/digest-subscription.entity.js';
import { Dashboard } from '../dashboards/dashboard.entity.js';
import { DashboardWidget } from '../dashboards/dashboard-widget.entity.js';
import { FeatureFlag } from '../flags/feature-flag.entity.js';
import { Goal } from '../goals/goal.entity.js';
import { Segment } from '../segments/segment.entity.js';
import { SharedLink } from '../shared-links/shared-link.entity.js';
import { SiteRecord } from '../sites/site.entity.js';

export const ENTITIES = [
  User,
  SiteGrant,
  AuditEntry,
  SiteRecord,
  SignInCount,
  KnownSource,
  RefreshFamily,
  StoredSecret,
  UserIdentity,
  ApiKey,
  Goal,
  Dashboard,
  DashboardWidget,
  SharedLink,
  FeatureFlag,
  AiProviderRecord,
  AlertRule,
  AlertChannel,
  AlertFiring,
  AlertDelivery,
  DigestSubscription,
  Annotation,
  Segment,
];
/** In order; each runs once, recorded in the `migrations` table. Never `synchronize`. */
export const MIGRATIONS = [
  UsersGrantsAudit1763900000000,
  Sites1763900000001,
  Totp1763900000002,
  SignInAttempts1763900000003,
  SharedSessions1763900000004,
  UserIdentities1763900000005,
  CanonicalTimeZones1763900000006,
  SiteDeletion1763900000007,
  ApiKeys1763900000008,
  Goals1763900000009,
  Dashboards1763900000010,
  FeatureFlags1763900000011,
  AiProvider1763900000012,
  AlertsDigests1763900000014,
  Annotations1763900000015,
  Segments1763900000016,
  ScrollGoals1763900000017,
  SiteShields1763900000018,
  BlockedPages1763900000019,
];

/** The metadata database: PostgreSQL when DATABASE_URL is set, else a SQLite file in the data folder. */
export function dataSourceOptions(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;
  if (config.databaseUrl) return { type: 'postgres', url: config.databaseUrl, ...common };
  // The file holds password hashes and TOTP secrets: its folder is the backend's alone.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return {
    type: 'better-sqlite3',
    database: join(config.dataDir, 'metadata.sqlite'),
    // The backend's own better-sqlite3 (a major TypeORM's peer range doesn't name yet, so npm keeps it beside the
    // backend, out of TypeORM's reach): handed over rather than looked up from TypeORM's folder.
    driver: BetterSqlite3,
    ...common,
  };
}
