-- String helpers for untrusted input. Every string a client sends goes through clean() on its way
-- into a row, so it walks the bytes through FFI (compiled by the JIT) rather than with Lua patterns.
local ffi = require "ffi"

local cast = ffi.cast
local str_sub = string.sub
local tbl_concat = table.concat

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
-- U+FFFD, which stands in for every byte that does not belong to a valid UTF-8 sequence.
local REPLACEMENT = "\239\191\189"

-- Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing
-- above U+10FFFF) that starts at byte i (0-based) of the `length` bytes, or nil when there is none.
local function sequence_length(bytes, i, length)
    local lead = bytes[i]
    if lead < 0x80 then
        return 1
    end
    local sequence, low, high
    if lead >= 0xC2 and lead <= 0xDF then
        sequence, low, high = 2, 0x80, 0xBF
    elseif lead == 0xE0 then
        sequence, low, high = 3, 0xA0, 0xBF
    elseif lead == 0xED then
        sequence, low, high = 3, 0x80, 0x9F
    elseif lead >= 0xE1 and lead <= 0xEF then
        sequence, low, high = 3, 0x80, 0xBF
    elseif lead == 0xF0 then
        sequence, low, high = 4, 0x90, 0xBF
    elseif lead >= 0xF1 and lead <= 0xF3 then
        sequence, low, high = 4, 0x80, 0xBF
    elseif lead == 0xF4 then
        sequence, low, high = 4, 0x80, 0x8F
    else
        return nil
    end
    if i + sequence > length then
        return nil
    end
    local second = bytes[i + 1]
    if second < low or second > high then
        return nil
    end
    for j = i + 2, i + sequence - 1 do
        local continuation = bytes[j]
        if continuation < 0x80 or continuation > 0xBF then
            return nil
        end
    end
    return sequence
end
_M.sequence_length = sequence_length

-- s as valid UTF-8 of at most max bytes: bytes outside a valid sequence become U+FFFD, and a cut
-- never splits a character (it drops the whole one). Downstream (Vector, ClickHouse, browsers)
-- then never meets bytes that decode differently, or longer, than what was counted here.
-- Its work is bounded by max, not by the length of s (a client may send 64 KB for a 64-byte field).
function _M.clean(s, max)
    -- Each byte read yields at least one byte kept, so the last character that can fit starts by
    -- byte max and ends by max + 3 (UTF-8 sequences are at most 4 bytes): no byte past those can
    -- change the result.
    local length = #s
    if length > max + 3 then
        length = max + 3
    end
    local bytes = cast(BYTES, s)
    -- Pieces of s and replacements, made only when s holds a byte to replace.
    local parts, n = nil, 0
    local size, i, valid_from = 0, 0, 0
    while i < length do
        local sequence = sequence_length(bytes, i, length)
        if size + (sequence or #REPLACEMENT) > max then
            break
        end
        if sequence then
            i = i + sequence
            size = size + sequence
        else
            parts = parts or {}
            parts[n + 1] = str_sub(s, valid_from + 1, i)
            parts[n + 2] = REPLACEMENT
            n = n + 2
            size = size + #REPLACEMENT
            i = i + 1
            valid_from = i
        end
    end
    if not parts then
        return i == #s and s or str_sub(s, 1, i)
    end
    parts[n + 1] = str_sub(s, valid_from + 1, i)
    return tbl_concat(parts, "", 1, n + 1)
end

return _M
