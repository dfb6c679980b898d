import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { arrivedBeforeMarker, tally } from '../src/marker';

/** An ordered channel that delivers each message `delayMs` after it was sent, like a batching tracker. */
function slowChannel(delayMs: number) {
  const delivered: string[] = [];
  return {
    delivered,
    send: (message: string) => void sleep(delayMs).then(() => delivered.push(message)),
  };
}

test('what arrived before the marker, once it has, and nothing that came after it', async () => {
  const channel = slowChannel(300);
  channel.send('first');
  channel.send('second');
  const before = await arrivedBeforeMarker('two messages', {
    send: async () => {
      channel.send('marker');
      channel.send('after');
    },
    arrived: () => channel.delivered,
    isMarker: (message) => message === 'marker',
  });
  assert.deepEqual(before, ['first', 'second']);
});

test('a message sent before the marker is caught however slow the channel is', async () => {
  const channel = slowChannel(1000);
  channel.send('must not arrive');
  const before = await arrivedBeforeMarker('the unwanted message', {
    send: async () => channel.send('marker'),
    arrived: () => channel.delivered,
    isMarker: (message) => message === 'marker',
  });
  assert.deepEqual(before, ['must not arrive']);
});

test('a marker that never arrives fails, naming what it was to prove', async () => {
  await assert.rejects(
    arrivedBeforeMarker('nothing sent', {
      send: async () => {},
      arrived: () => [],
      isMarker: () => true,
      timeoutMs: 200,
    }),
    { message: 'the marker after nothing sent did not happen within 0.2 s' },
  );
});

test('tally counts each key, so a duplicate shows', () => {
  assert.deepEqual(
    tally(['a', 'b', 'a'], (item) => item),
    { a: 2, b: 1 },
  );
});
