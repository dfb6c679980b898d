-- String helpers for untrusted input.
local str_byte = string.byte
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

-- Cuts s to at most max bytes without splitting a UTF-8 sequence: a cut that would land inside
-- one steps back to the sequence's first byte.
function _M.truncate(s, max)
    if #s <= max then
        return s
    end
    local cut = max
    while cut > 0 do
        local next_byte = str_byte(s, cut + 1)
        -- 0x80..0xBF are continuation bytes: the byte after the cut must not be one.
        if next_byte < 0x80 or next_byte > 0xBF then
            break
        end
        cut = cut - 1
    end
    return str_sub(s, 1, cut)
end

return _M
