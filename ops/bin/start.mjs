// `npm start`: from a fresh clone to a running stack, in the foreground.
import { ensureNodeRuntime } from './node-runtime.mjs';
import { ensureDebianPackages, STACK_PACKAGES } from './prerequisites.mjs';
import { build, ensureDependencies, ROOT } from './workspace.mjs';
import { createRequire } from 'node:module';

await ensureNodeRuntime();

ensureDebianPackages(STACK_PACKAGES);
ensureDependencies();
build();
createRequire(import.meta.url)(`${ROOT}/ops/dist/src/start.js`);
