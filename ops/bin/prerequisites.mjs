// What the native stack needs from Debian, checked before anything else runs.
// Plain JavaScript with no dependencies: it must work on a fresh clone, before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';

/** Packages `npm start` needs to run the stack. */
export const STACK_PACKAGES = [
  'nginx',
  'libnginx-mod-http-lua',
  'lua-resty-core',
  'lua-cjson',
  // The edge's geo lookups (libmaxminddb through LuaJIT FFI).
  'libmaxminddb0',
  'clickhouse-server',
  'clickhouse-client',
  // node-gyp builds the backend's native addons (better-sqlite3 from source) for the project's Node.
  'python3',
  'make',
  'g++',
];

/**
 * What `npm test` needs on top: a browser, Lua tooling, the compose validator, the load generators,
 * ZooKeeper for the replicated (cluster) schema's test, and PostgreSQL for the backend's metadata suite
 * (run once on SQLite and once on PostgreSQL).
 * `luajit2` is OpenResty's LuaJIT, the one ngx_lua links; Debian's `luajit` package conflicts with it
 * and would remove the nginx Lua module.
 */
export const TEST_PACKAGES = [
  ...STACK_PACKAGES,
  'chromium',
  'lua-check',
  'lua-busted',
  'luajit2',
  'docker-compose',
  'wrk',
  'hey',
  'zookeeper',
  'postgresql',
  // systemd-analyze checks the units in ops/systemd.
  'systemd',
  // The README's first-party proxy snippets for Caddy and Apache, run by ops/test/first-party-proxy.test.ts.
  'caddy',
  'apache2',
];

function isInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/**
 * Installs the missing packages when running as root, otherwise prints the one command
 * that would and exits, since nothing after this point can work without them.
 */
export function ensureDebianPackages(packages) {
  const missing = packages.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  const line = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `Sluice needs these Debian packages: ${missing.join(', ')}\nInstall them with:\n\n  sudo apt-get update && sudo ${line}\n`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env });
  for (const name of missing) if (name in SERVICES_STARTED_BY_INSTALL) stopSystemService(name);
}

/**
 * Packages whose install starts a system service on a host with systemd, and why Sluice doesn't want it.
 * clickhouse-server's takes the ports the stack's own ClickHouse wants; apache2's and caddy's take ports 80 (and
 * 443), which nothing of Sluice's needs: the tests run their own Apache and Caddy, each with a config of its own on a
 * free port, so a web server left listening to the network would only be a surprise of `npm test`'s.
 */
const SERVICES_STARTED_BY_INSTALL = {
  'clickhouse-server': 'Sluice runs its own ClickHouse',
  apache2: 'the tests run their own Apache, with their own config and ports',
  caddy: 'the tests run their own Caddy, with their own config and ports',
};

/**
 * A service this very install started is stopped and disabled, saying so. One that was there before is left
 * alone: for ClickHouse, the stack then stops at start and says what to do; Apache's and Caddy's don't matter to
 * the tests. Without systemd (a container) there is nothing to stop.
 */
function stopSystemService(name) {
  const active = spawnSync('systemctl', ['is-active', name], { encoding: 'utf8' });
  if (active.stdout?.trim() !== 'active') return;
  console.log(
    `Debian's ${name} package started its system service; ${SERVICES_STARTED_BY_INSTALL[name]}, so it is ` +
      `stopped and disabled (systemctl disable --now ${name}).`,
  );
  execFileSync('systemctl', ['disable', '--now', name], { stdio: 'inherit' });
}

// `node ops/bin/prerequisites.mjs test|stack`: install what that command needs (used by .ci/run).
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureDebianPackages(process.argv[2] === 'test' ? TEST_PACKAGES : STACK_PACKAGES);
}
