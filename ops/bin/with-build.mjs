// Runs a built entry point (the migrations and retention commands, the benchmarks, the settings writer) with the
// settings the admin commands read (ClickHouse's address and admin account) in its environment; after `--backend`,
// with the backend's (backup and restore read and write every store the backend does).
import { ensureNodeRuntime } from './node-runtime.mjs';
import { build, ensureDependencies, ROOT } from './workspace.mjs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

await ensureNodeRuntime();

const asBackend = process.argv[2] === '--backend';
const [entry, ...args] = process.argv.slice(asBackend ? 3 : 2);
ensureDependencies();
build();
const { loadSettings, processEnvironment } = createRequire(import.meta.url)(
  `${ROOT}/ops/dist/src/stack/settings.js`,
);
const env = {
  ...process.env,
  ...processEnvironment(asBackend ? 'backend' : 'migrations', loadSettings(ROOT), 'shipper'),
};
const result = spawnSync(process.execPath, [`${ROOT}/${entry}`, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
