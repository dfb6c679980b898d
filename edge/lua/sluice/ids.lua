-- Event ids: lower-case UUID text. The tracker sends 32 hex digits; the edge mints UUID v4 text only
-- when none was sent.
local bit = require "bit"
local ffi = require "ffi"

local io_open = io.open
local math_random = math.random
local math_randomseed = math.randomseed
local str_byte = string.byte
local str_format = string.format
local str_sub = string.sub
local band, bor = bit.band, bit.bor
local cast = ffi.cast
local ngx_now = ngx.now
local ngx_worker_pid = ngx.worker.pid

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
local UUID_LENGTH = 36
local HEX_LENGTH = 32
local HYPHEN = 45
-- What each byte is in an id: a lower-case hex digit, a hyphen, or neither (0).
local HEX_DIGIT, HYPHEN_MARK = 1, 2
local ID_BYTE = ffi.new("uint8_t[256]")
for b = 48, 57 do
    ID_BYTE[b] = HEX_DIGIT
end
for b = 97, 102 do
    ID_BYTE[b] = HEX_DIGIT
end
ID_BYTE[HYPHEN] = HYPHEN_MARK
-- The kind of byte each offset of UUID text holds (8-4-4-4-12), and of the tracker's 32 hex digits:
-- an id is well-formed when every byte is of its offset's kind, one comparison a byte.
local UUID_SHAPE = ffi.new("uint8_t[?]", UUID_LENGTH)
for i = 0, UUID_LENGTH - 1 do
    UUID_SHAPE[i] = (i == 8 or i == 13 or i == 18 or i == 23) and HYPHEN_MARK or HEX_DIGIT
end
local HEX_SHAPE = ffi.new("uint8_t[?]", HEX_LENGTH, HEX_DIGIT)
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

-- The id as lower-case UUID text, from UUID text or the tracker's shorter 32 hex digits; nil for
-- anything else (upper case too, so one event can't reach ClickHouse under two spellings).
-- A byte walk rather than a Lua pattern: it runs for every event and the JIT compiles it.
function _M.normalize(id)
    local length = #id
    if length ~= UUID_LENGTH and length ~= HEX_LENGTH then
        return nil
    end
    local bytes = cast(BYTES, id)
    local shape = length == UUID_LENGTH and UUID_SHAPE or HEX_SHAPE
    for i = 0, length - 1 do
        if ID_BYTE[bytes[i]] ~= shape[i] then
            return nil
        end
    end
    if length == UUID_LENGTH then
        return id
    end
    return str_sub(id, 1, 8) .. "-" .. str_sub(id, 9, 12) .. "-" .. str_sub(id, 13, 16) .. "-"
        .. str_sub(id, 17, 20) .. "-" .. str_sub(id, 21, 32)
end

return _M
