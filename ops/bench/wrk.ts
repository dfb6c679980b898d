import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Beacon } from './traffic';

const run = promisify(execFile);

/** Counts the requests handed to the socket (in flight when wrk stops included) and prints `sluice-sent: N`. */
const COUNTING = `
sent = 0

local threads = {}
function setup(thread)
    threads[#threads + 1] = thread
end

function done()
    local total = 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("sent")
    end
    io.write(string.format("sluice-sent: %d\\n", total))
end
`;

/**
 * wrk's script for beacons: every request is built once, at thread start, from a file of beacons (one
 * per line: client address, user agent, origin and body, tab-separated) and then cycled, so consecutive
 * requests carry different event ids and visitors while wrk spends no time building them.
 */
const WRK_SCRIPT = `${COUNTING}
local requests = {}
local next_request = 0

function init(args)
    for line in io.lines(args[1]) do
        local ip, ua, origin, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t([^\\t]*)\\t(.*)$")
        requests[#requests + 1] = wrk.format("POST", wrk.path, {
            ["Host"] = wrk.host,
            ["Content-Type"] = "text/plain;charset=UTF-8",
            ["User-Agent"] = ua,
            ["Origin"] = origin,
            ["Accept"] = "*/*",
            ["Accept-Language"] = "en-US,en;q=0.9",
            ["X-Forwarded-For"] = ip,
        }, body)
    end
end

function request()
    next_request = next_request % #requests + 1
    sent = sent + 1
    return requests[next_request]
end
`;

/** wrk's script for the same GET over and over (headers from `-H`). */
const GET_SCRIPT = `${COUNTING}
local get

function request()
    get = get or wrk.format("GET")
    sent = sent + 1
    return get
end
`;

/**
 * Pacing, for runs at a steady rate: each connection waits `args[2]` ms after an answer before its
 * next request. Only in the paced script: wrk arms a timer per request whenever a script defines
 * delay(), which would cost the full-speed runs.
 */
const PACING = `
local delay_ms = 0
local base_init = init
function init(args)
    delay_ms = tonumber(args[2])
    base_init(args)
end

function delay()
    return delay_ms
end
`;

export function writeWrkScript(path: string, { paced = false } = {}): void {
  writeFileSync(path, paced ? WRK_SCRIPT + PACING : WRK_SCRIPT);
}

export function writeWrkGetScript(path: string): void {
  writeFileSync(path, GET_SCRIPT);
}

export function writeBeacons(path: string, beacons: Beacon[]): void {
  // JSON.stringify escapes tabs and newlines inside the body, so neither can split a line.
  const lines = beacons.map((b) => [b.clientIp, b.userAgent, b.origin, b.body].join('\t'));
  writeFileSync(path, lines.join('\n') + '\n');
}

export interface WrkResult {
  /** Responses wrk received. */
  requests: number;
  /** Requests written, counting those in flight when wrk stopped. */
  sent: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function duration(value: string, unit: string, what: string): number {
  const factor = UNIT_MS[unit];
  if (factor === undefined) throw new Error(`wrk printed ${what} in an unknown unit: ${value}${unit}`);
  return Number(value) * factor;
}

function match(output: string, pattern: RegExp, what: string): RegExpMatchArray {
  const found = output.match(pattern);
  if (!found) throw new Error(`wrk's output has no ${what}:\n${output}`);
  return found;
}

/** Reads wrk's own report (run with `--latency`) and the script's `sluice-sent` line. */
export function parseWrkOutput(output: string): WrkResult {
  const total = match(output, /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h),/m, 'request count');
  const percentile = (p: number): number => {
    const found = match(output, new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm'), `p${p}`);
    return duration(found[1], found[2], `p${p}`);
  };
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    requests: Number(total[1]),
    sent: Number(match(output, /^sluice-sent: (\d+)$/m, 'sluice-sent line')[1]),
    seconds: duration(total[2], total[3], 'the duration') / 1000,
    requestsPerSecond: Number(match(output, /^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec')[1]),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    // wrk prints these lines only when the count is not zero.
    non2xx: Number(output.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

export interface WrkRun {
  url: string;
  /** The beacons a beacon script cycles through (none for a GET script). */
  beaconsFile?: string;
  /** Sent with every request (`-H`). */
  headers?: Record<string, string>;
  scriptFile: string;
  seconds: number;
  connections: number;
  /** The core wrk is pinned to. */
  core: number;
  /** With a paced script: the pause after each answer, per connection. */
  delayMs?: number;
}

/** One wrk run, one thread, pinned with taskset; killed if it outlives its duration by far. */
export async function runWrk(options: WrkRun): Promise<WrkResult> {
  const args = [
    '-c',
    String(options.core),
    'wrk',
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push('--latency', '-s', options.scriptFile, options.url, '--', options.beaconsFile ?? '');
  if (options.delayMs !== undefined) args.push(String(options.delayMs));
  const { stdout } = await run('taskset', args, {
    timeout: (options.seconds + 30) * 1000,
    killSignal: 'SIGKILL',
  });
  return parseWrkOutput(stdout);
}
