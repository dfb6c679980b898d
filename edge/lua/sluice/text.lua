-- String helpers for untrusted input.
local str_byte = string.byte
local str_find = string.find
local str_sub = string.sub
local tbl_concat = table.concat

local _M = { _VERSION = '0.1' }

-- U+FFFD, which stands in for every byte that does not belong to a valid UTF-8 sequence.
local REPLACEMENT = "\239\191\189"

-- Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing
-- above U+10FFFF) that starts at byte i of s, or nil when there is none.
local function sequence_length(s, i)
    local lead = str_byte(s, i)
    if lead < 0x80 then
        return 1
    end
    local length, low, high
    if lead >= 0xC2 and lead <= 0xDF then
        length, low, high = 2, 0x80, 0xBF
    elseif lead == 0xE0 then
        length, low, high = 3, 0xA0, 0xBF
    elseif lead == 0xED then
        length, low, high = 3, 0x80, 0x9F
    elseif lead >= 0xE1 and lead <= 0xEF then
        length, low, high = 3, 0x80, 0xBF
    elseif lead == 0xF0 then
        length, low, high = 4, 0x90, 0xBF
    elseif lead >= 0xF1 and lead <= 0xF3 then
        length, low, high = 4, 0x80, 0xBF
    elseif lead == 0xF4 then
        length, low, high = 4, 0x80, 0x8F
    else
        return nil
    end
    local second = str_byte(s, i + 1)
    if not second or second < low or second > high then
        return nil
    end
    for j = i + 2, i + length - 1 do
        local continuation = str_byte(s, j)
        if not continuation or continuation < 0x80 or continuation > 0xBF then
            return nil
        end
    end
    return length
end

-- s as valid UTF-8 of at most max bytes: bytes outside a valid sequence become U+FFFD, and a cut
-- never splits a character (it drops the whole one). Downstream (Vector, ClickHouse, browsers)
-- then never meets bytes that decode differently, or longer, than what was counted here.
function _M.clean(s, max)
    if not str_find(s, "[\128-\255]") then
        return #s <= max and s or str_sub(s, 1, max)
    end
    local parts, size, i, valid_from = {}, 0, 1, 1
    local length = #s
    while i <= length do
        local sequence = sequence_length(s, i)
        if size + (sequence or #REPLACEMENT) > max then
            break
        end
        if sequence then
            i = i + sequence
            size = size + sequence
        else
            parts[#parts + 1] = str_sub(s, valid_from, i - 1)
            parts[#parts + 1] = REPLACEMENT
            size = size + #REPLACEMENT
            i = i + 1
            valid_from = i
        end
    end
    parts[#parts + 1] = str_sub(s, valid_from, i - 1)
    return tbl_concat(parts)
end

return _M
