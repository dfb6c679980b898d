import assert from 'node:assert/strict';
import test from 'node:test';
import { stateShares, summarizeTrace } from '../bench/jit-probe';

// Lines as jit.v writes them inside nginx (OpenResty's LuaJIT 2.1), from a bench:edge --trace run.
const LOG = [
  '[TRACE   1 base.lua:176 return]',
  '[TRACE   2 json.lua:85 loop]',
  '[TRACE --- (2/0) json.lua:86 -- persistent type instability]',
  '[TRACE   3 (2/0) json.lua:86 loop]',
  '[TRACE  52 (24/1) json.lua:104 stitch C:7f8fbdd796f0]',
  '[TRACE  63 (14/1) ids.lua:74 stitch table.insert]',
  '[TRACE --- geo.lua:138 -- inner loop in root trace at geo.lua:140]',
  '[TRACE --- (59/stitch) geo.lua:153 -- NYI: unsupported C function type at ffi.meta.__call]',
  '[TRACE --- geo.lua:138 -- inner loop in root trace at geo.lua:140]',
  '[TRACE 162 (155/0) collect.lua:237 -> 132]',
  '',
].join('\n');

test('a jit.v log is summarised as traces compiled, stitched and aborts by reason and place', () => {
  assert.deepEqual(summarizeTrace(LOG), {
    compiled: 6,
    stitched: 2,
    aborted: 4,
    abortsByReason: [
      { reason: 'geo.lua:138 -- inner loop in root trace at geo.lua:140', count: 2 },
      { reason: 'geo.lua:153 -- NYI: unsupported C function type at ffi.meta.__call', count: 1 },
      { reason: 'json.lua:86 -- persistent type instability', count: 1 },
    ],
  });
  assert.deepEqual(summarizeTrace(''), { compiled: 0, stitched: 0, aborted: 0, abortsByReason: [] });
});

test("the profiler's samples become each VM state's share of all of them", () => {
  assert.deepEqual(stateShares({ N: 50, I: 5, C: 20, G: 15, J: 0, nginx: 10 }), {
    samples: 100,
    compiled: 0.5,
    interpreter: 0.05,
    c: 0.2,
    gc: 0.15,
    jitCompiler: 0,
    nginx: 0.1,
  });
  assert.equal(stateShares({}).interpreter, 0, 'no samples: no share, not NaN');
});
