/** The backend's configuration, validated once at start; a bad value stops the start naming the variable. */
export interface AppConfig {
  host: string;
  port: number;
  apiToken: string;
  sitesFile: string;
  defaultSiteDomain: string;
  clickhouse: {
    url: string;
    database: string;
    admin: { username: string; password: string };
    reader: { username: string; password: string };
  };
}

export const APP_CONFIG = Symbol('AppConfig');

const MIN_API_TOKEN_LENGTH = 32;

export class ConfigError extends Error {}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`${name} must be set`);
  return value;
}

export function loadAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const port = Number(env.BACKEND_PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`BACKEND_PORT must be a TCP port (1-65535), got "${env.BACKEND_PORT}"`);
  }
  const apiToken = required(env, 'SLUICE_API_TOKEN');
  if (apiToken.length < MIN_API_TOKEN_LENGTH) {
    throw new ConfigError(`SLUICE_API_TOKEN must be at least ${MIN_API_TOKEN_LENGTH} characters`);
  }
  const database = env.CLICKHOUSE_DATABASE || 'sluice';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new ConfigError(`CLICKHOUSE_DATABASE must be an identifier, got "${database}"`);
  }
  const url = required(env, 'CLICKHOUSE_URL');
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`CLICKHOUSE_URL must be an http(s) URL, got "${url}"`);
  return Object.freeze({
    host: env.BACKEND_HOST || '127.0.0.1',
    port,
    apiToken,
    sitesFile: required(env, 'SLUICE_SITES_FILE'),
    defaultSiteDomain: env.SLUICE_DEFAULT_SITE_DOMAIN || 'localhost',
    clickhouse: {
      url,
      database,
      admin: {
        username: required(env, 'CLICKHOUSE_ADMIN_USER'),
        password: required(env, 'CLICKHOUSE_ADMIN_PASSWORD'),
      },
      reader: {
        username: required(env, 'CLICKHOUSE_READER_USER'),
        password: required(env, 'CLICKHOUSE_READER_PASSWORD'),
      },
    },
  });
}
