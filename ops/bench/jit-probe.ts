/**
 * What LuaJIT makes of the collect path, read through the bench-only `/telemetry/jit` location
 * (edge/lua/sluice/jit_probe.lua): its trace log (jit.v) and its sampling profiler by VM state.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

/** Samples by VM state, as the probe counts them. */
export interface VmStates {
  /** In compiled traces. */
  N?: number;
  /** In the interpreter. */
  I?: number;
  /** In C functions called from Lua (cjson, the FFI's C calls when interpreted, nginx's Lua API). */
  C?: number;
  /** In the garbage collector. */
  G?: number;
  /** In the JIT compiler. */
  J?: number;
  /** In nginx, between handlers (see jit_probe.lua). */
  nginx?: number;
}

export interface Profile {
  states: VmStates;
  /** Where the interpreter's samples were, most first. */
  interpretedLines: Array<{ line: string; samples: number }>;
}

async function call(edgeUrl: string, action: string): Promise<unknown> {
  const response = await fetch(`${edgeUrl}/telemetry/jit?action=${action}`);
  const body = (await response.json()) as { error?: string };
  if (!response.ok) throw new Error(`the JIT probe's ${action} failed: ${body.error ?? response.status}`);
  return body;
}

/**
 * Starts LuaJIT's trace log into `traceFile` (the path the config gave the probe) after throwing away
 * every trace compiled so far. The workers' user writes the file: it is created here, writable by all.
 */
export async function startTrace(edgeUrl: string, traceFile: string): Promise<void> {
  writeFileSync(traceFile, '');
  chmodSync(traceFile, 0o666);
  await call(edgeUrl, 'trace-start');
}

export async function stopTrace(edgeUrl: string, traceFile: string): Promise<string> {
  await call(edgeUrl, 'trace-stop');
  return readFileSync(traceFile, 'utf8');
}

/** Runs `work` under LuaJIT's profiler and returns what it sampled meanwhile. */
export async function profiled(edgeUrl: string, work: () => Promise<void>): Promise<Profile> {
  await call(edgeUrl, 'profile-start');
  try {
    await work();
  } catch (error) {
    // Stopped all the same, so the profiler never outlives the run that wanted it.
    await call(edgeUrl, 'profile-stop');
    throw error;
  }
  const result = (await call(edgeUrl, 'profile-stop')) as {
    states?: VmStates;
    interpreted_lines?: Array<{ line: string; samples: number }> | Record<string, never>;
  };
  // cjson writes an empty list as {}.
  return {
    states: result.states ?? {},
    interpretedLines: Array.isArray(result.interpreted_lines) ? result.interpreted_lines : [],
  };
}

export interface StateShares {
  samples: number;
  compiled: number;
  interpreter: number;
  c: number;
  gc: number;
  jitCompiler: number;
  nginx: number;
}

/** Each state's share of all samples. */
export function stateShares(states: VmStates): StateShares {
  const count = (n: number | undefined) => n ?? 0;
  const samples = Object.values(states).reduce((sum: number, n) => sum + count(n), 0);
  const share = (n: number | undefined) => (samples === 0 ? 0 : count(n) / samples);
  return {
    samples,
    compiled: share(states.N),
    interpreter: share(states.I),
    c: share(states.C),
    gc: share(states.G),
    jitCompiler: share(states.J),
    nginx: share(states.nginx),
  };
}

export interface TraceSummary {
  /** Traces compiled (root and side traces, stitched ones included). */
  compiled: number;
  /** Of those, traces that end in a C function the JIT cannot compile, the trace after it stitched on. */
  stitched: number;
  aborted: number;
  /** Aborts by reason and place (trace numbers left out), most frequent first. */
  abortsByReason: Array<{ reason: string; count: number }>;
}

/**
 * Reads jit.v's log: `[TRACE  12 file.lua:40 loop]` for a compiled trace, `[TRACE  13 (12/3) file.lua:41
 * stitch C:7f…]` for one that ends in a C function, `[TRACE --- (12/3) file.lua:41 -- NYI: FastFunc
 * pairs at file.lua:45]` for an abort.
 */
export function summarizeTrace(log: string): TraceSummary {
  let compiled = 0;
  let stitched = 0;
  const aborts = new Map<string, number>();
  for (const line of log.split('\n')) {
    const abort = line.match(/^\[TRACE --- (?:\(\d+\/\w+\) )?(.*)\]$/);
    if (abort) {
      aborts.set(abort[1], (aborts.get(abort[1]) ?? 0) + 1);
    } else if (/^\[TRACE +\d+ /.test(line)) {
      compiled++;
      if (/ stitch [^\]]*\]$/.test(line)) stitched++;
    }
  }
  const abortsByReason = [...aborts].map(([reason, count]) => ({ reason, count }));
  abortsByReason.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { compiled, stitched, aborted: abortsByReason.reduce((sum, a) => sum + a.count, 0), abortsByReason };
}
