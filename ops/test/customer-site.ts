import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess, waitUntil, httpOk, type ManagedProcessOptions } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';

/** The web servers a site owner runs in front of the edge: the README has a first-party proxy snippet for each. */
export type ProxyServer = 'nginx' | 'caddy' | 'apache';

/** Each server's snippet, as the README shows it, with EDGE_ORIGIN where the edge's address goes. */
export const PROXY_SNIPPETS: Record<ProxyServer, string> = {
  nginx: 'config/first-party-proxy.conf',
  caddy: 'config/first-party-proxy.Caddyfile',
  apache: 'config/first-party-proxy.apache.conf',
};

/** The README's first-party proxy snippet for `server`, unchanged but for where it forwards to. */
const snippet = (server: ProxyServer, upstream: string) =>
  readFileSync(join(REPO_ROOT, PROXY_SNIPPETS[server]), 'utf8').replaceAll('EDGE_ORIGIN', upstream);

/** The nginx snippet for another first-party path, forwarding to `upstream` (a URL with a path of its own). */
const nginxSnippet = (path: string, upstream: string) =>
  snippet('nginx', 'EDGE_ORIGIN')
    .replace('location /telemetry/ {', `location ${path} {`)
    .replace('proxy_pass EDGE_ORIGIN;', `proxy_pass ${upstream};`);

interface CustomerSiteOptions {
  dir: string;
  port: number;
  edgeOrigin: string;
  html: string;
  /** Which web server the customer runs: nginx unless said. */
  server?: ProxyServer;
  telemetryPaths?: Record<string, string>;
  pageHeaders?: Record<string, Record<string, string>>;
}

/** How one web server is configured and run for the customer's site: the config files it writes, then the process. */
type ServerSetup = (options: Required<CustomerSiteOptions>) => Omit<ManagedProcessOptions, 'logFile'> & {
  errorLog: string;
};

const nginx: ServerSetup = ({ dir, port, edgeOrigin, telemetryPaths, pageHeaders }) => {
  writeFileSync(
    join(dir, 'first-party-proxy.conf'),
    [
      snippet('nginx', edgeOrigin),
      ...Object.entries(telemetryPaths).map(([path, upstream]) => nginxSnippet(path, upstream)),
    ].join('\n'),
  );
  const pages = Object.entries(pageHeaders).map(
    ([page, headers]) =>
      `location = ${page} { ${Object.entries(headers)
        .map(([name, value]) => `add_header ${name} "${value}" always; `)
        .join('')}}`,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${dir}/tmp-${name};`)
    .join('\n  ');
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  # The browser asks for /favicon.ico; a missing one is not the proxy's error.
  log_not_found off;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    include ${dir}/first-party-proxy.conf;
    ${pages.join('\n    ')}
  }
}
`,
  );
  return {
    name: 'customer-site (nginx)',
    command: 'nginx',
    args: ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    stopSignal: 'SIGQUIT',
    errorLog: join(dir, 'error.log'),
  };
};

/**
 * Caddy serving the site on a loopback port, any host name: plain HTTP (no certificates), no admin endpoint,
 * its own config and data folders (caddy writes an autosave.json) instead of the user's.
 */
const caddy: ServerSetup = ({ dir, port, edgeOrigin }) => {
  writeFileSync(join(dir, 'first-party-proxy.Caddyfile'), snippet('caddy', edgeOrigin));
  const conf = join(dir, 'Caddyfile');
  writeFileSync(
    conf,
    `{
	admin off
	auto_https off
	grace_period 2s
}
http://:${port} {
	bind 127.0.0.1
	root * ${dir}/www
	import ${dir}/first-party-proxy.Caddyfile
	file_server
}
`,
  );
  return {
    name: 'customer-site (Caddy)',
    command: 'caddy',
    args: ['run', '--config', conf, '--adapter', 'caddyfile'],
    env: { XDG_CONFIG_HOME: join(dir, 'caddy-config'), XDG_DATA_HOME: join(dir, 'caddy-data') },
    // Caddy logs its errors to stderr: the process's log.
    errorLog: join(dir, 'stdout.log'),
  };
};

/** Where Debian's apache2 package puts its modules. */
const APACHE_MODULES = '/usr/lib/apache2/modules';

/**
 * A self-contained Apache httpd (none of Debian's /etc/apache2 and its APACHE_RUN_* variables): one child
 * process of the event MPM, the modules the snippet needs and those a static site needs (authz_core grants
 * the requests, mime types the page, dir serves index.html). Run by a user, it runs as that user; run as
 * root, its children run as nobody (what nginx's workers do), which is why the test's folder is readable.
 */
const apache: ServerSetup = ({ dir, port, edgeOrigin }) => {
  writeFileSync(join(dir, 'first-party-proxy.apache.conf'), snippet('apache', edgeOrigin));
  const modules = ['mpm_event', 'authz_core', 'mime', 'dir', 'proxy', 'proxy_http', 'headers'].map(
    (name) => `LoadModule ${name}_module ${APACHE_MODULES}/mod_${name}.so`,
  );
  const conf = join(dir, 'httpd.conf');
  writeFileSync(
    conf,
    `ServerRoot ${dir}
DefaultRuntimeDir ${dir}
PidFile ${dir}/apache.pid
ErrorLog ${dir}/error.log
LogLevel warn
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
User nobody
Group nogroup
${modules.join('\n')}
StartServers 1
ServerLimit 1
ThreadsPerChild 25
MaxRequestWorkers 25
MinSpareThreads 5
MaxSpareThreads 30
TypesConfig /etc/mime.types
DocumentRoot ${dir}/www
DirectoryIndex index.html
Include ${dir}/first-party-proxy.apache.conf
`,
  );
  return {
    name: 'customer-site (Apache)',
    command: 'apache2',
    args: ['-f', conf, '-DFOREGROUND'],
    errorLog: join(dir, 'error.log'),
  };
};

const SERVERS: Record<ProxyServer, ServerSetup> = { nginx, caddy, apache };

/**
 * A customer's own site: a plain web server (nginx without Lua, Caddy or Apache) serving `html` at `/` (and
 * whatever is written to `dir/www`) and forwarding `/telemetry/` to the edge with the README's first-party
 * proxy snippet for that server. With nginx, `telemetryPaths` forward more first-party paths the same way to
 * other upstreams (a test's proxy in front of the edge); `pageHeaders` adds response headers to single pages
 * (a Content Security Policy).
 */
export async function startCustomerSite(options: CustomerSiteOptions) {
  const settings: Required<CustomerSiteOptions> = {
    server: 'nginx',
    telemetryPaths: {},
    pageHeaders: {},
    ...options,
  };
  const { dir, port, html, server } = settings;
  if (
    server !== 'nginx' &&
    Object.keys(settings.telemetryPaths).length + Object.keys(settings.pageHeaders).length > 0
  )
    throw new Error(`the ${server} customer site has no telemetryPaths or pageHeaders: nginx has`);
  mkdirSync(join(dir, 'www'), { recursive: true });
  writeFileSync(join(dir, 'www', 'index.html'), html);
  const { errorLog, ...process } = SERVERS[server](settings);
  const running = new ManagedProcess({ ...process, logFile: join(dir, 'stdout.log') });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`the customer site (${server})`, () => httpOk(`${url}/`), { process: running }).catch(
    async (error: unknown) => {
      await running.stop();
      throw error;
    },
  );
  return { url, errorLog, stop: () => running.stop() };
}
