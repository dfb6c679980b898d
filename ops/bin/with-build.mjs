// Runs a built entry point (e.g. the migrations CLI) with the stack's settings in its environment.
import { ensureNodeRuntime } from './node-runtime.mjs';
import { build, ensureDependencies, ROOT } from './workspace.mjs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

await ensureNodeRuntime();

const [entry, ...args] = process.argv.slice(2);
ensureDependencies();
build();
const { loadSettings, settingsEnvironment } = createRequire(import.meta.url)(
  `${ROOT}/ops/dist/src/stack/settings.js`,
);
const env = { ...process.env, ...settingsEnvironment(loadSettings(ROOT)) };
const result = spawnSync(process.execPath, [`${ROOT}/${entry}`, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
