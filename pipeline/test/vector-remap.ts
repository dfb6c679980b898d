/**
 * vector.yaml's row mapping, run in TypeScript: no `vector` binary can be had here, so the test that
 * proves Vector and the shipper store the same rows evaluates the remap itself. Only the VRL forms
 * the mapping uses are known; any other form is an error, so the mapping can't outgrow this check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const VECTOR_YAML = join(__dirname, '..', '..', 'vector.yaml');

type Read = (value: unknown) => unknown;

class RemapError extends Error {}

const fail = (what: string): never => {
  throw new RemapError(what);
};

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** VRL's coercions (to_int, to_float): numbers, numeric strings, booleans and null. */
function coerceNumber(value: unknown, integer: boolean): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return integer ? Math.trunc(value) : value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    const number = Number(value);
    if (integer && !Number.isInteger(number)) fail(`to_int: "${value}" is not an integer`);
    return number;
  }
  return fail(`cannot coerce ${JSON.stringify(value)} to a number`);
}

/** The functions of the mapping: each checks or coerces its argument, or fails. */
const FUNCTIONS: Record<string, Read> = {
  string: (value) => (typeof value === 'string' ? value : fail('not a string')),
  int: (value) => (isInteger(value) ? value : fail('not an integer')),
  array: (value) => (Array.isArray(value) ? value : fail('not an array')),
  to_int: (value) => coerceNumber(value, true),
  to_float: (value) => coerceNumber(value, false),
};

/** One field's expression: `f!(row.key)` (a failure drops the event) or `f(row.key) ?? default`. */
function compile(key: string, expression: string): Read {
  const match = /^([a-z_]+)(!?)\(row\.([a-z_]+)\)(?: \?\? (.+))?$/.exec(expression.trim());
  if (!match || match[3] !== key)
    throw new Error(`vector.yaml: unsupported expression for ${key}: ${expression}`);
  const [, name, infallible, , fallback] = match;
  const fn = FUNCTIONS[name] ?? fail(`vector.yaml: unknown function ${name}`);
  if (infallible === '!' && fallback === undefined) return (row) => fn((row as Record<string, unknown>)[key]);
  if (infallible === '' && fallback !== undefined) {
    const otherwise = JSON.parse(fallback) as unknown;
    return (row) => {
      try {
        return fn((row as Record<string, unknown>)[key]);
      } catch (error) {
        if (error instanceof RemapError) return otherwise;
        throw error;
      }
    };
  }
  throw new Error(`vector.yaml: ${key} must either fail with ! or have a ?? default: ${expression}`);
}

export type RemapResult = { row: Record<string, unknown> } | { dropped: string };

/** The `event_rows` remap of vector.yaml as a function of one line. */
export function loadVectorRemap(path = VECTOR_YAML): (line: string) => RemapResult {
  const config = parse(readFileSync(path, 'utf8')) as { transforms: { event_rows: { source: string } } };
  const source = config.transforms.event_rows.source;
  if (!source.includes('row = object!(parse_json!(string!(.message)))'))
    throw new Error('vector.yaml: the remap no longer starts by parsing the line into an object');
  const body = /\. = \{([\s\S]*)\}/.exec(source);
  if (!body) throw new Error('vector.yaml: the remap builds no row object');
  const fields = [...body[1].matchAll(/^\s*"([a-z_]+)": (.+?),?$/gm)].map(
    ([, key, expression]) => [key, compile(key, expression)] as const,
  );
  return (line) => {
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return fail('parse_json: not JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        fail('object: not an object');
      return { row: Object.fromEntries(fields.map(([key, read]) => [key, read(parsed)])) };
    } catch (error) {
      if (error instanceof RemapError) return { dropped: error.message };
      throw error;
    }
  };
}
