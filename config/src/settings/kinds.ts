// What a setting's value may be: each kind parses the variable's text into its typed value, or names the rule it
// breaks. One place for every check, so the backend, the stack runner, the shipper and the edge's renderer refuse
// a bad value with the same words.
import { isIP } from 'node:net';

export interface Kind<T> {
  /** The rule, as the error message states it: "EDGE_PORT must be a TCP port (1-65535)". */
  readonly rule: string;
  /** The typed value, or undefined when `text` breaks the rule. */
  parse(text: string): T | undefined;
}

const kind = <T>(rule: string, parse: (text: string) => T | undefined): Kind<T> => ({ rule, parse });

export const text = (rule = 'must not be empty'): Kind<string> => kind(rule, (value) => value);

export const port = (): Kind<number> =>
  kind('must be a TCP port (1-65535)', (value) => {
    const number = Number(value);
    return /^\d+$/.test(value) && number >= 1 && number <= 65535 ? number : undefined;
  });

/** A port, or `off` for a listener the process can go without (a metrics endpoint). */
export const portOrOff = (): Kind<number | 'off'> =>
  kind('must be a TCP port (1-65535) or off', (value) => (value === 'off' ? 'off' : port().parse(value)));

export const wholeNumber = (min: number, max: number, unit = ''): Kind<number> =>
  kind(`must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`, (value) => {
    const number = Number(value);
    return /^\d+$/.test(value) && number >= min && number <= max ? number : undefined;
  });

export const oneOf = <const T extends string>(values: readonly T[]): Kind<T> =>
  kind(`must be one of ${values.join(', ')}`, (value) =>
    (values as readonly string[]).includes(value) ? (value as T) : undefined,
  );

export const flag = (): Kind<boolean> =>
  kind('must be true or false', (value) => (value === 'true' ? true : value === 'false' ? false : undefined));

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:\/\//.test(value);

export const httpUrl = (example: string): Kind<string> =>
  kind(`must be an http(s) URL such as ${example}`, (value) => (isHttpUrl(value) ? value : undefined));

export const origin = (): Kind<string> =>
  kind('must be an origin such as https://analytics.example.com (no path, no trailing slash)', (value) =>
    isHttpUrl(value) && new URL(value).origin === value ? value : undefined,
  );

export const postgresUrl = (): Kind<string> =>
  kind('must be a postgres:// URL (postgres://user:password@host:5432/database)', (value) =>
    URL.canParse(value) && /^postgres(ql)?:\/\//.test(value) ? value : undefined,
  );

/** A ClickHouse database, cluster or account name: it goes into SQL as an identifier. */
export const identifier = (): Kind<string> =>
  kind('must be an identifier ([A-Za-z_][A-Za-z0-9_]*)', (value) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value : undefined,
  );

/** A practical address check (one @, a dot in the domain, no spaces): the rest is the mail server's business. */
export const email = (): Kind<string> =>
  kind('must be an email address', (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined));

/** A host name as DNS allows it (RFC 1035): labels of 1 to 63 letters, digits and inner hyphens, 253 characters in all. */
export const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const hostName = (): Kind<string> =>
  kind('must be a lower-case host name', (value) => (HOST_NAME.test(value) ? value : undefined));

/** An IPv4 or IPv6 address to listen on. */
export const listenAddress = (): Kind<string> =>
  kind('must be an IP address such as 0.0.0.0 or 127.0.0.1', (value) => (isIP(value) ? value : undefined));

/** An address or a CIDR block of one. */
function isAddressOrBlock(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** Comma-separated addresses or CIDRs (and, where `names` are given, those words too). */
export const addressList = (names: readonly string[] = []): Kind<string[]> =>
  kind(
    `must list ${names.length > 0 ? `${names.join(', ')}, ` : ''}addresses or CIDRs, comma-separated`,
    (value) => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      return entries.length > 0 && entries.every((entry) => names.includes(entry) || isAddressOrBlock(entry))
        ? entries
        : undefined;
    },
  );

/** A secret: at least `minimum` characters. Its value never appears in a message. */
export const secretText = (minimum: number): Kind<string> =>
  kind(`must be at least ${minimum} characters`, (value) => (value.length >= minimum ? value : undefined));

/** A size such as 512m, 2g or 1048576 (bytes). */
export const byteSize = (): Kind<number> =>
  kind('must be a size such as 512m, 2g or a number of bytes', (value) => {
    const match = /^(\d+)([kmg]?)$/i.exec(value);
    if (!match) return undefined;
    const factor = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[
      match[2].toLowerCase() as '' | 'k' | 'm' | 'g'
    ];
    const bytes = Number(match[1]) * factor;
    return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
  });

/** A folder or file path, as given (relative ones are the reader's to resolve). */
export const path = (): Kind<string> => text('must be a path');
