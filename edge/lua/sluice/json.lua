-- The inside of JSON strings for the NDJSON lines the edge writes. Most values (paths, names, ids,
-- hosts, text) are valid UTF-8 that JSON takes as it is: one compiled FFI scan recognises them, so the
-- common case costs no C call and no copy. Anything else is made valid UTF-8 (text.clean), and
-- only a value that then holds a byte to escape goes through cjson.
local cjson = require "cjson.safe"
local ffi = require "ffi"
local text = require "sluice.text"

local cast = ffi.cast
local str_gsub = string.gsub
local str_sub = string.sub
local clean = text.clean
local sequence_length = text.sequence_length

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
local SPACE, QUOTE, BACKSLASH, DEL = 32, 34, 92, 127
local COMMA, COLON, OPEN_BRACKET, OPEN_BRACE = 44, 58, 91, 123

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

-- What each byte is to as_is(): 0 for printable ASCII a JSON string holds as it is, ESCAPED for a
-- byte to escape (a quote, a backslash, a control character; DEL too, as cjson does), NON_ASCII for
-- the lead of a multi-byte sequence. One load and one comparison a byte on the common path.
local ESCAPED, NON_ASCII = 1, 2
local BYTE_CLASS = ffi.new("uint8_t[256]")
for b = 0, 255 do
    if b >= 0x80 then
        BYTE_CLASS[b] = NON_ASCII
    elseif b < SPACE or b == QUOTE or b == BACKSLASH or b == DEL then
        BYTE_CLASS[b] = ESCAPED
    end
end

-- Whether s can stand between a JSON string's quotes as it is: at most max bytes of valid UTF-8
-- without a byte to escape. One walk, which most values pass.
local function as_is(s, max)
    local length = #s
    if length > max then
        return false
    end
    local bytes = cast(BYTES, s)
    local i = 0
    while i < length do
        local class = BYTE_CLASS[bytes[i]]
        if class == 0 then
            i = i + 1
        elseif class == ESCAPED then
            return false
        else
            local sequence = sequence_length(bytes, i, length)
            if not sequence then
                return false
            end
            i = i + sequence
        end
    end
    return true
end

-- `s` as the text between a JSON string's quotes: valid UTF-8 of at most `max` bytes before
-- escaping (see text.clean), with quotes, backslashes and control characters escaped, so no input
-- can end the string or the line early.
function _M.string_content(s, max)
    if as_is(s, max) then
        return s
    end
    local cleaned = clean(s, max)
    if as_is(cleaned, max) then
        return cleaned
    end
    return str_sub(unescape_slashes(encode(cleaned)), 2, -2)
end

-- Whether a JSON text holds more than `max` keys and values, counted by what separates or opens
-- them outside strings (",", ":", "[", "{"). cjson makes a Lua value of each, which costs more per
-- byte than anything else a request makes the edge do (64 KB of "0," takes it milliseconds), so
-- such a body is refused before it is decoded, the way Jackson's StreamReadConstraints bound a
-- document's token count.
function _M.more_values_than(s, max)
    local bytes = cast(BYTES, s)
    local count, in_string, escaped = 0, false, false
    for i = 0, #s - 1 do
        local b = bytes[i]
        if in_string then
            if escaped then
                escaped = false
            elseif b == BACKSLASH then
                escaped = true
            elseif b == QUOTE then
                in_string = false
            end
        elseif b == QUOTE then
            in_string = true
        elseif b == COMMA or b == COLON or b == OPEN_BRACKET or b == OPEN_BRACE then
            count = count + 1
            if count > max then
                return true
            end
        end
    end
    return false
end

return _M
