-- Event ids: lower-case UUID v4 text, minted here only when the tracker sent none.
local bit = require "bit"

local io_open = io.open
local math_random = math.random
local math_randomseed = math.randomseed
local str_byte = string.byte
local str_find = string.find
local str_format = string.format
local band, bor = bit.band, bit.bor
local ngx_now = ngx.now
local ngx_worker_pid = ngx.worker.pid

local _M = { _VERSION = '0.1' }

local UUID_PATTERN = "^%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$"
-- 48 random bits fit a double exactly and make two workers (across all restarts of all edges)
-- starting the same id sequence vanishingly unlikely. Ids must be unique, not secret.
local SEED_BYTES = 6

function _M.seed()
    local seed
    local urandom = io_open("/dev/urandom", "rb")
    local bytes = urandom and urandom:read(SEED_BYTES)
    if urandom then
        urandom:close()
    end
    if bytes and #bytes == SEED_BYTES then
        seed = 0
        for i = 1, SEED_BYTES do
            seed = seed * 256 + str_byte(bytes, i)
        end
    else
        -- Without the kernel's source (never seen in practice) time and pid still differ per worker.
        seed = ngx_now() * 1000 + ngx_worker_pid()
    end
    math_randomseed(seed)
end

function _M.mint()
    return str_format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
        math_random(0, 0xffff), math_random(0, 0xffff), math_random(0, 0xffff),
        math_random(0, 0xfff), bor(band(math_random(0, 0xffff), 0x3fff), 0x8000),
        math_random(0, 0xffff), math_random(0, 0xffff), math_random(0, 0xffff))
end

-- Only lower-case ids are accepted, so one event can't reach ClickHouse under two spellings.
function _M.is_valid(id)
    return str_find(id, UUID_PATTERN) ~= nil and not str_find(id, "%u")
end

return _M
