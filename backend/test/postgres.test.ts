/**
 * The metadata suites — sign-in, sessions, roles on every route, users, sites, the audit log, the
 * upgrade from a sites file, login throttling, the metadata migrations over data, API keys, goals, annotations, segments, dashboards and shared links, feature flags, alerts, backup and restore — again, with the
 * metadata in a real PostgreSQL (Debian's postgresql, started by the harness) instead of the SQLite file.
 */
process.env.SLUICE_TEST_METADATA = 'postgres';
await import('./auth.test.js');
await import('./sites.test.js');
await import('./sign-in-throttle.test.js');
await import('./metadata-migrations.test.js');
await import('./api-keys.test.js');
await import('./goals.test.js');
await import('./annotations.test.js');
await import('./segments.test.js');
await import('./dashboards.test.js');
await import('./alerts.test.js');
await import('./backup.test.js');
await import('./feature-flags.test.js');
