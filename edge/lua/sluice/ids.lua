-- Event ids: lower-case UUID v4 text, minted here only when the tracker sent none.
local bit = require "bit"

local io_open = io.open
local math_random = math.random
local math_randomseed = math.randomseed
local str_byte = string.byte
local str_find = string.find
local str_format = string.format
local band, bor, lshift = bit.band, bit.bor, bit.lshift
local ngx_worker_pid = ngx.worker.pid

local _M = { _VERSION = '0.1' }

local UUID_PATTERN = "^%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$"

-- Each worker seeds its own generator from the kernel: ids must be unique, not secret.
function _M.seed()
    local seed = ngx_worker_pid()
    local urandom = io_open("/dev/urandom", "rb")
    if urandom then
        local b1, b2, b3 = str_byte(urandom:read(3), 1, 3)
        urandom:close()
        seed = bor(seed, lshift(b1, 8), lshift(b2, 16), lshift(band(b3, 0x3f), 24))
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
