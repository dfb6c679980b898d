-- The visitor's preferred language, from an Accept-Language header (RFC 9110 §12.5.4): the entry of
-- highest q-value (the first of equals) as its lower-case primary subtag and, when it names one, its
-- region — "pt-BR,pt;q=0.9" gives "pt-br", "zh-Hant-TW" gives "zh-tw" — or "" when no entry names a
-- language. The header is the client's to choose, so only its first MAX_BYTES are read, walking bytes
-- once: no pattern, nothing that backtracks.
local type = type
local str_byte = string.byte
local str_find = string.find
local str_lower = string.lower
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

-- Browsers send a handful of entries, far below this; a longer header is cut here, and the entry the
-- cut runs into is left out rather than read as a shorter tag.
local MAX_BYTES = 256
-- Weights in thousandths: q=1 is the most an entry can have, so the first such entry wins at once.
local MAX_WEIGHT = 1000

local SPACE, TAB, HYPHEN, UNDERSCORE, SEMICOLON, EQUALS, DOT = 32, 9, 45, 95, 59, 61, 46
local DIGIT_0, DIGIT_1, DIGIT_9 = 48, 49, 57
local LOWER_Q, UPPER_Q = 113, 81
-- What each digit after the point is worth, in thousandths.
local DECIMAL_PLACES = { 100, 10, 1 }

local function is_letter(byte)
    return (byte >= 65 and byte <= 90) or (byte >= 97 and byte <= 122)
end

local function is_digit(byte)
    return byte >= DIGIT_0 and byte <= DIGIT_9
end

local function is_space(byte)
    return byte == SPACE or byte == TAB
end

-- The first byte at or after i (up to last) that is not a space or a tab.
local function skip_spaces(s, i, last)
    while i <= last and is_space(str_byte(s, i)) do
        i = i + 1
    end
    return i
end

-- The subtag at s[i..]: its end (the byte before a hyphen, a separator or `last`), its letters and
-- digits; nil when it holds anything else or is empty or longer than 8 (RFC 5646's longest subtag).
local function subtag(s, i, last)
    local letters, digits = 0, 0
    local j = i
    while j <= last do
        local byte = str_byte(s, j)
        if is_letter(byte) then
            letters = letters + 1
        elseif is_digit(byte) then
            digits = digits + 1
        else
            break
        end
        j = j + 1
    end
    local size = j - i
    if size == 0 or size > 8 then
        return nil
    end
    return j - 1, letters, digits
end

-- The language tag at s[i..last] as "ll" or "ll-rr", and where it ends; nil when it is no language
-- tag with a 2- or 3-letter primary subtag (a wildcard, a grandfathered "i-…" tag, other bytes).
-- After the primary subtag, extended-language (3 letters) and script (4 letters) subtags are passed
-- over to reach a region (2 letters or 3 digits); a variant or extension ends the search.
local function language_tag(s, i, last)
    local stop, letters, digits = subtag(s, i, last)
    if not stop or digits > 0 or letters < 2 or letters > 3 then
        return nil
    end
    local primary = str_sub(s, i, stop)
    local region
    -- Set once a region is found, or a subtag shows that none follows (a variant, an extension).
    local searched = false
    local j = stop + 1
    while j <= last do
        local byte = str_byte(s, j)
        if byte ~= HYPHEN and byte ~= UNDERSCORE then
            break
        end
        local from = j + 1
        stop, letters, digits = subtag(s, from, last)
        if not stop then
            return nil
        end
        if not searched then
            local size = stop - from + 1
            if (letters == 2 and size == 2) or (digits == 3 and size == 3) then
                region, searched = str_sub(s, from, stop), true
            elseif digits > 0 or (size ~= 3 and size ~= 4) then
                searched = true
            end
        end
        j = stop + 1
    end
    if region then
        return str_lower(primary) .. "-" .. str_lower(region), j
    end
    return str_lower(primary), j
end

-- The weight at s[i..last] ("q=0.8" and spaces after it) in thousandths, or nil when it isn't one:
-- "0" or "1", then up to three decimals, at most 1.
local function weight(s, i, last)
    if i + 2 > last then
        return nil
    end
    local q = str_byte(s, i)
    if (q ~= LOWER_Q and q ~= UPPER_Q) or str_byte(s, i + 1) ~= EQUALS then
        return nil
    end
    local j = i + 2
    local units = str_byte(s, j)
    if units ~= DIGIT_0 and units ~= DIGIT_1 then
        return nil
    end
    local value = (units - DIGIT_0) * MAX_WEIGHT
    j = j + 1
    if j <= last and str_byte(s, j) == DOT then
        j = j + 1
        local place = 1
        while j <= last and is_digit(str_byte(s, j)) do
            local worth = DECIMAL_PLACES[place]
            if not worth then
                return nil
            end
            value = value + (str_byte(s, j) - DIGIT_0) * worth
            place = place + 1
            j = j + 1
        end
    end
    if value > MAX_WEIGHT or skip_spaces(s, j, last) <= last then
        return nil
    end
    return value
end

-- One entry, s[i..last]: its language and weight, or nil when it is malformed or names no language.
local function entry(s, i, last)
    i = skip_spaces(s, i, last)
    local tag, after = language_tag(s, i, last)
    if not tag then
        return nil
    end
    after = skip_spaces(s, after, last)
    if after > last then
        return tag, MAX_WEIGHT
    end
    if str_byte(s, after) ~= SEMICOLON then
        return nil
    end
    local q = weight(s, skip_spaces(s, after + 1, last), last)
    if not q then
        return nil
    end
    return tag, q
end

-- The preferred language of an Accept-Language value, or "" (see the top of this file).
function _M.preferred(header)
    if type(header) ~= "string" or header == "" then
        return ""
    end
    local cut = #header > MAX_BYTES
    if cut then
        header = str_sub(header, 1, MAX_BYTES)
    end
    local best, best_weight = "", 0
    local i, length = 1, #header
    while i <= length do
        local comma = str_find(header, ",", i, true)
        if not comma and cut then
            break
        end
        local last = comma and comma - 1 or length
        local tag, q = entry(header, i, last)
        -- q=0 means "not acceptable": never the preferred language.
        if tag and q > best_weight then
            best, best_weight = tag, q
            if q == MAX_WEIGHT then
                break
            end
        end
        i = last + 2
    end
    return best
end

return _M
