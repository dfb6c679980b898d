import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess, waitUntil, httpOk } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';

const PROXY_SNIPPET = join(REPO_ROOT, 'config', 'first-party-proxy.conf');

/** The README's first-party proxy snippet, unchanged but for its path and where it forwards to. */
const proxySnippet = (path: string, upstream: string) =>
  readFileSync(PROXY_SNIPPET, 'utf8')
    .replace('location /telemetry/ {', `location ${path} {`)
    .replace('proxy_pass EDGE_ORIGIN;', `proxy_pass ${upstream};`);

/**
 * A customer's own site: a plain nginx (no Lua) serving `html` at `/` (and whatever is written to
 * `dir/www`) and forwarding `/telemetry/` to the edge with the README's first-party proxy snippet.
 * `telemetryPaths` forward more first-party paths the same way to other upstreams (a test's proxy in
 * front of the edge); `pageHeaders` adds response headers to single pages (a Content Security Policy).
 */
export async function startCustomerSite(options: {
  dir: string;
  port: number;
  edgeOrigin: string;
  html: string;
  telemetryPaths?: Record<string, string>;
  pageHeaders?: Record<string, Record<string, string>>;
}) {
  const { dir, port, edgeOrigin, html, telemetryPaths = {}, pageHeaders = {} } = options;
  mkdirSync(join(dir, 'www'), { recursive: true });
  writeFileSync(join(dir, 'www', 'index.html'), html);
  writeFileSync(
    join(dir, 'first-party-proxy.conf'),
    Object.entries({ '/telemetry/': edgeOrigin, ...telemetryPaths })
      .map(([path, upstream]) => proxySnippet(path, upstream))
      .join('\n'),
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
  const nginx = new ManagedProcess({
    name: 'customer-site',
    command: 'nginx',
    args: ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    logFile: join(dir, 'stdout.log'),
    stopSignal: 'SIGQUIT',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the customer site', () => httpOk(`${url}/`), { process: nginx });
  return { url, errorLog: join(dir, 'error.log'), stop: () => nginx.stop() };
}
