-- What LuaJIT makes of the collect path, for `npm run bench:edge` only: reached from the location
-- `/telemetry/jit`, which the config has only when rendered for the benchmark (never in production).
-- One worker serves the benchmark, so the request that starts a probe and the one that stops it run in
-- the Lua state that served the beacons between them.
--
-- - trace: LuaJIT's own verbose mode (jit.v, as `luajit -jv`) into a file: every trace started,
--   compiled, stitched or aborted, with the reason an abort gives (an NYI builtin, a blacklisted loop…).
-- - profile: LuaJIT's sampling profiler (jit.profile, the engine of `luajit -jp`), by VM state: in
--   compiled code (N), in the interpreter (I), in C functions called from Lua (C), in the garbage
--   collector (G), in the JIT compiler (J), or in nginx outside Lua (see on_samples). Interpreted
--   samples are also counted by the Lua line they were in, which says what to fix.
local jit_profile = require "jit.profile"
local jit_v = require "jit.v"

local cjson = require "cjson.safe"

local jit_flush = jit.flush
local pairs = pairs
local pcall = pcall
local str_find = string.find
local dumpstack = jit_profile.dumpstack
local ngx = ngx
local ngx_var = ngx.var

local _M = { _VERSION = '0.1' }

-- 1 ms between samples: about 1,000 a second of busy worker, cheap next to the requests measured.
local PROFILE_MODE = "vi1"
-- Interpreted lines reported, most sampled first.
local TOP_LINES = 10

local states
local interpreted_lines

-- Samples are taken by a timer signal but reach Lua only at the next point the VM checks for them:
-- in the interpreter, at once; in compiled code or C, once the VM is back in the interpreter. The VM
-- also stays in state I after a handler ends, while nginx goes on with its own work (parsing,
-- writing, the next request), so samples taken in nginx arrive at the start of the next handler
-- still marked I. Those are counted as nginx's (state "nginx"), not the interpreter's: the line of a
-- `*_by_lua` block's own chunk, which only calls into the modules. What the interpreter really runs
-- arrives where it runs, and is counted by its line.
local function on_samples(thread, samples, vmstate)
    local state = vmstate
    if vmstate == "I" then
        local line = dumpstack(thread, "pl", 1)
        if str_find(line, "_by_lua(", 1, true) then
            state = "nginx"
        else
            interpreted_lines[line] = (interpreted_lines[line] or 0) + samples
        end
    end
    states[state] = (states[state] or 0) + samples
end

local function top_lines()
    local lines = {}
    for line, samples in pairs(interpreted_lines) do
        lines[#lines + 1] = { line = line, samples = samples }
    end
    table.sort(lines, function(a, b) return a.samples > b.samples end)
    for i = #lines, TOP_LINES + 1, -1 do
        lines[i] = nil
    end
    return lines
end

local ACTIONS = {
    -- Every trace compiled so far is thrown away, so what the run after this compiles (or fails to) is
    -- reported from the start, as for a fresh worker.
    ["trace-start"] = function(trace_file)
        jit_flush()
        -- jit.v raises when it can't open the file (the workers' user must be able to write it).
        local ok, err = pcall(jit_v.start, trace_file)
        return not ok and { error = err } or nil
    end,
    ["trace-stop"] = function()
        jit_v.off()
    end,
    ["profile-start"] = function()
        states, interpreted_lines = {}, {}
        jit_profile.start(PROFILE_MODE, on_samples)
    end,
    ["profile-stop"] = function()
        jit_profile.stop()
        return { states = states, interpreted_lines = top_lines() }
    end,
}

-- `trace_file`: where jit.v writes (a path the config names, never one from the request).
function _M.handle(trace_file)
    local action = ACTIONS[ngx_var.arg_action]
    if not action then
        ngx.status = 400
        ngx.say('{"error":"unknown_action"}')
        return ngx.exit(400)
    end
    local result = action(trace_file)
    local status = result and result.error and 500 or 200
    ngx.status = status
    ngx.header["Content-Type"] = "application/json"
    ngx.say(cjson.encode(result or {}))
    return ngx.exit(status)
end

return _M
