/**
 * `npm run bench:demo`: how long an admin waits for a demo site (Sites → Add demo site) to fill. The backend
 * as `npm start` runs it, pinned to core 0, over a private ClickHouse 18.16; then, round after round, a demo
 * site of BENCH_DEMO_EVENTS events (the panel's size by default) and its progress polled every 100 ms: its
 * rows written (and per second), the days finalized again with them, ready. The first round is a new
 * install's (no day finalized yet); each later one finds the earlier demos' days finalized and writes them
 * again, as an install with data does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_SITE } from '@sluice/config';
import { ClickHouseHarness } from '@sluice/pipeline/testing';
import { freePort } from '@sluice/services';
import { backendEnvironment, signInAs, startBackend, stopBackend } from './backend-process';
import { machineInfo, positiveInt, runBenchmark, thousands } from './report';

const BACKEND_CORE = 0;
const POLL_MS = 100;
const OWNER = { email: 'bench@sluice.local', password: randomBytes(18).toString('base64url') };

interface DemoStatus {
  siteId: number;
  stage: 'writing' | 'finalizing' | 'ready' | 'failed';
  rows: number;
  error: string | null;
}

interface Round {
  rows: number;
  writingMs: number;
  finalizingMs: number;
}

/** One demo site, from the request to ready, timed stage by stage. */
async function addDemo(api: string, token: string, events: number): Promise<Round> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const created = await fetch(`${api}/sites/demo`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ events }),
  });
  if (created.status !== 202)
    throw new Error(`POST /api/sites/demo: ${created.status} ${await created.text()}`);
  let status = (await created.json()) as DemoStatus;
  let written = 0;
  console.log(`  site ${status.siteId}: writing…`);
  while (status.stage !== 'ready') {
    if (status.stage === 'failed') throw new Error(`the demo site failed: ${status.error}`);
    await sleep(POLL_MS);
    status = (await (await fetch(`${api}/sites/${status.siteId}/demo`, { headers })).json()) as DemoStatus;
    if (status.stage !== 'writing' && written === 0) {
      written = performance.now();
      console.log(`  site ${status.siteId}: ${thousands(status.rows)} rows written; finalizing…`);
    }
  }
  const ready = performance.now();
  return { rows: status.rows, writingMs: written - started, finalizingMs: ready - written };
}

async function main(): Promise<void> {
  const events = positiveInt(process.env, 'BENCH_DEMO_EVENTS', DEMO_SITE.events);
  const rounds = positiveInt(process.env, 'BENCH_ROUNDS', 2);
  console.log('Sluice demo site benchmark');
  for (const line of machineInfo()) console.log(`  ${line}`);
  console.log(`  settings: ${JSON.stringify({ events, rounds })}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-demo-'));
  const clickhouse = await new ClickHouseHarness().start();
  try {
    await clickhouse.migrate();
    const port = await freePort();
    const { child } = await startBackend(
      backendEnvironment({ port, dir, clickhouse, owner: OWNER }),
      BACKEND_CORE,
    );
    try {
      const api = `http://127.0.0.1:${port}/api`;
      const accessToken = await signInAs(`http://127.0.0.1:${port}`, OWNER);
      for (let round = 1; round <= rounds; round++) {
        const { rows, writingMs, finalizingMs } = await addDemo(api, accessToken, events);
        console.log(
          `Round ${round} (${round === 1 ? 'a new install' : `${round - 1} demo site(s) finalized before`}): ` +
            `${thousands(rows)} rows written in ${(writingMs / 1000).toFixed(1)} s ` +
            `(${thousands(rows / (writingMs / 1000))} rows/s), the days finalized in ${(finalizingMs / 1000).toFixed(1)} s, ` +
            `ready after ${((writingMs + finalizingMs) / 1000).toFixed(1)} s`,
        );
      }
    } finally {
      await stopBackend(child);
    }
  } finally {
    await clickhouse.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
