import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';

/**
 * Asserts that reports answer the same once their days are finalized: `answers` (the test's requests)
 * before, from raw events and rollups as the test harness leaves them (no finalizer runs), then after
 * finalizing every day up to 3 UTC days before `now` and writing the next two provisionally (reports then
 * read those days from the finalized tables). Returns the last day so written: the day before `now`.
 */
export async function assertSameOnceFinalized(
  app: INestApplication,
  now: Date,
  answers: () => Promise<unknown>,
): Promise<string | undefined> {
  const fromRawEvents = await answers();
  const finalizer = app.get(VisitFinalizer);
  await finalizer.finalize(now);
  assert.deepEqual(await answers(), fromRawEvents, 'the answers from finalized days');
  return finalizer.finalizedThrough();
}
