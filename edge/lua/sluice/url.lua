-- Absolute URLs from untrusted input, split without a full parser: only what the edge stores. It
-- runs for every event's page and referrer, so it walks the bytes once through FFI (compiled by
-- the JIT) instead of using Lua patterns, which LuaJIT cannot compile.
local ffi = require "ffi"

local cast = ffi.cast
local str_lower = string.lower
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
local SLASH, QUESTION, HASH, COLON, AT = 47, 63, 35, 58, 64
local OPEN_BRACKET, CLOSE_BRACKET = 91, 93

local function is_alpha(b)
    return (b >= 65 and b <= 90) or (b >= 97 and b <= 122)
end

local function is_digit(b)
    return b >= 48 and b <= 57
end

-- Letters, digits, "+", "-" and ".": what may follow a scheme's first letter (RFC 3986).
local function is_scheme_char(b)
    return is_alpha(b) or is_digit(b) or b == 43 or b == 45 or b == 46
end

-- Whether bytes [from, to) hold an ASCII capital: most hosts are lower case already, and lowering
-- one that is makes a second string of it.
local function has_upper(bytes, from, to)
    for i = from, to - 1 do
        local x = bytes[i]
        if x >= 65 and x <= 90 then
            return true
        end
    end
    return false
end

-- Index of the first byte in [from, to) equal to `a` or `b` (or `c`), else `to`.
local function find_any(bytes, from, to, a, b, c)
    for i = from, to - 1 do
        local x = bytes[i]
        if x == a or x == b or x == c then
            return i
        end
    end
    return to
end

-- Host without user info or port: [start, stop) of the authority, in 0-based byte offsets.
local function host_span(bytes, start, stop)
    for i = stop - 1, start, -1 do
        if bytes[i] == AT then
            start = i + 1
            break
        end
    end
    if start < stop and bytes[start] == OPEN_BRACKET then
        -- An IPv6 literal keeps its brackets and loses only what follows them.
        for i = start + 1, stop - 1 do
            if bytes[i] == CLOSE_BRACKET then
                return start, i + 1
            end
        end
    end
    local port = stop
    while port > start and is_digit(bytes[port - 1]) do
        port = port - 1
    end
    if port > start and bytes[port - 1] == COLON then
        return start, port - 1
    end
    return start, stop
end

-- Lower-cased host (no user info or port), path (no query or fragment; "/" when empty) and the
-- query string (without "?"), or nil when `url` is not absolute.
function _M.parse(url)
    local length = #url
    local bytes = cast(BYTES, url)
    if length == 0 or not is_alpha(bytes[0]) then
        return nil
    end
    local colon = 1
    while colon < length and is_scheme_char(bytes[colon]) do
        colon = colon + 1
    end
    if colon + 2 >= length or bytes[colon] ~= COLON or bytes[colon + 1] ~= SLASH or bytes[colon + 2] ~= SLASH then
        return nil
    end
    local authority = colon + 3
    local path = find_any(bytes, authority, length, SLASH, QUESTION, HASH)
    local host_start, host_stop = host_span(bytes, authority, path)
    if host_start == host_stop then
        return nil
    end
    local path_stop = find_any(bytes, path, length, QUESTION, HASH)
    local query = ""
    if path_stop < length and bytes[path_stop] == QUESTION then
        query = str_sub(url, path_stop + 2, find_any(bytes, path_stop + 1, length, HASH))
    end
    local host = str_sub(url, host_start + 1, host_stop)
    return has_upper(bytes, host_start, host_stop) and str_lower(host) or host,
        path_stop > path and str_sub(url, path + 1, path_stop) or "/",
        query
end

return _M
