-- The inside of JSON strings for the NDJSON lines the edge writes. Most values (paths, names, ids,
-- hosts) are printable ASCII that JSON takes as it is: one compiled FFI scan recognises them, so the
-- common case costs no C call and no copy. Anything else is made valid UTF-8 and escaped by cjson.
local cjson = require "cjson.safe"
local ffi = require "ffi"
local text = require "sluice.text"

local cast = ffi.cast
local str_gsub = string.gsub
local str_sub = string.sub
local clean = text.clean

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
local SPACE, TILDE, QUOTE, BACKSLASH = 32, 126, 34, 92

-- The edge's own encoder instance, so its settings touch no other user of cjson. OpenResty's
-- cjson can leave "/" unescaped (URLs are most of a row); Debian's 2.1 cannot, so there the result
-- gets "\/" turned back into "/" — safe because the encoder writes every "/" as "\/" and every "\"
-- as "\\", so a "\/" in its output is always an escaped slash.
local encoder = cjson.new()
local encode = encoder.encode
local unescape_slashes
if encoder.encode_escape_forward_slash then
    encoder.encode_escape_forward_slash(false)
    unescape_slashes = function(s) return s end
else
    unescape_slashes = function(s) return (str_gsub(s, "\\/", "/")) end
end

local function printable_ascii(s, length)
    local bytes = cast(BYTES, s)
    for i = 0, length - 1 do
        local b = bytes[i]
        if b < SPACE or b > TILDE or b == QUOTE or b == BACKSLASH then
            return false
        end
    end
    return true
end

-- `s` as the text between a JSON string's quotes: valid UTF-8 of at most `max` bytes before
-- escaping (see text.clean), with quotes, backslashes and control characters escaped, so no input
-- can end the string or the line early.
function _M.string_content(s, max)
    local length = #s
    if length <= max and printable_ascii(s, length) then
        return s
    end
    local quoted = unescape_slashes(encode(clean(s, max)))
    return str_sub(quoted, 2, -2)
end

return _M
