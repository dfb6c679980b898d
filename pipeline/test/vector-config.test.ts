import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { EVENT_ROW, EVENT_ROW_FIELDS, type EventRowField, type RowFieldSpec } from '@sluice/config';

interface VectorConfig {
  acknowledgements: { enabled: boolean };
  sources: Record<
    string,
    {
      type: string;
      include?: string[];
      fingerprint?: { strategy: string };
      offset_key?: string;
      remove_after_secs?: number;
    }
  >;
  transforms: Record<
    string,
    { type: string; inputs: string[]; source: string; drop_on_error: boolean; reroute_dropped: boolean }
  >;
  sinks: Record<
    string,
    {
      type: string;
      inputs: string[];
      table?: string;
      acknowledgements?: { enabled: boolean };
      buffer?: { type: string; when_full: string };
    }
  >;
}

const config = parse(readFileSync(join(__dirname, '..', '..', 'vector.yaml'), 'utf8')) as VectorConfig;

test("vector.yaml's row whitelist is exactly the event contract's fields, in order", () => {
  const remap = config.transforms.event_rows;
  const body = /\. = \{([\s\S]*)\}/.exec(remap.source);
  assert.ok(body, 'the remap builds the row as one object literal');
  const keys = [...body[1].matchAll(/^\s*"([a-z_]+)":/gm)].map((match) => match[1]);
  assert.deepEqual(keys, EVENT_ROW_FIELDS);
  for (const key of keys) {
    // A required field fails the line when it is missing; any other stands for its default.
    const spec = EVENT_ROW[key as EventRowField] as RowFieldSpec;
    const fallback =
      {
        flag: `int\\(row\\.${key}\\) \\?\\? 0`,
        uint32: `to_int\\(row\\.${key}\\) \\?\\? 0`,
        float32: `to_float\\(row\\.${key}\\) \\?\\? 0\\.0`,
        decimal: `to_float\\(row\\.${key}\\) \\?\\? 0\\.0`,
        'string[]': `array\\(row\\.${key}\\) \\?\\? \\[\\]`,
      }[spec.type as string] ?? `string\\(row\\.${key}\\) \\?\\? ""`;
    const read = spec.required ? `[a-z_]+!\\(row\\.${key}\\)` : fallback;
    assert.match(body[1], new RegExp(`"${key}": ${read}`), `${key} reads row.${key}`);
  }
});

test('vector.yaml reads the edge files by content fingerprint and acknowledges end to end', () => {
  const source = config.sources.edge_ndjson;
  assert.equal(source.type, 'file');
  // Only the files the edge has closed: Vector deletes what it has read, and nginx still writes to events.ndjson.
  assert.deepEqual(source.include, ['${SLUICE_EVENTS_DIR}/*.ndjson.*']);
  assert.ok(source.remove_after_secs! > 0);
  assert.equal(source.fingerprint?.strategy, 'checksum');
  assert.equal(config.acknowledgements.enabled, true);
  const sink = config.sinks.clickhouse;
  assert.equal(sink.type, 'clickhouse');
  assert.equal(sink.table, 'events');
  assert.deepEqual(sink.inputs, ['event_rows']);
  assert.equal(sink.acknowledgements?.enabled, true);
  // Read lines outlive the deleted file across a restart.
  assert.deepEqual(sink.buffer && { type: sink.buffer.type, when_full: sink.buffer.when_full }, {
    type: 'disk',
    when_full: 'block',
  });
});

test("lines that fail the mapping go to a dead-letter sink, in the shipper's dead-letter shape", () => {
  const remap = config.transforms.event_rows;
  assert.equal(remap.drop_on_error, true);
  assert.equal(remap.reroute_dropped, true);
  const deadLetterRows = config.transforms.dead_letter_rows;
  assert.deepEqual(deadLetterRows.inputs, ['event_rows.dropped']);
  const keys = [...deadLetterRows.source.matchAll(/^\s*"([a-z_]+)":/gm)].map((match) => match[1]);
  assert.deepEqual(keys, ['reason', 'file', 'offset', 'line']);
  assert.deepEqual(config.sinks.dead_letters.inputs, ['dead_letter_rows']);
  assert.equal(config.sources.edge_ndjson.offset_key, 'offset');
});
