-- What the edge completes in an autocaptured click or submit, so that every tracker needn't ship
-- the rules: which link clicks are downloads or outbound, and which class names are stable.
local ffi = require "ffi"
local url_parse = require("sluice.url").parse

local cast = ffi.cast
local str_byte = string.byte
local str_gmatch = string.gmatch
local str_lower = string.lower
local str_match = string.match
local str_sub = string.sub
local tbl_concat = table.concat

local _M = { _VERSION = '0.1' }

local BYTES = ffi.typeof("const uint8_t *")
local HYPHEN, UNDERSCORE = 45, 95

-- File types a link click downloads (by the extension of the link's path).
local DOWNLOAD_EXTENSIONS = {}
for extension in str_gmatch("pdf zip gz tgz rar 7z dmg pkg exe msi apk iso epub txt rtf csv xls xlsx doc docx "
    .. "ppt pptx pps key mp3 mp4 wav wma avi mov mpeg wmv midi", "%S+") do
    DOWNLOAD_EXTENSIONS[extension] = true
end

-- The class names are read by walking their bytes (compiled by the JIT, like url.lua) rather than
-- by Lua patterns: autocaptured events carry them in every click.
local function is_digit(b)
    return b >= 48 and b <= 57
end

-- What Lua's %w and "-" match: ASCII letters, digits and hyphens.
local function is_word(b)
    return is_digit(b) or (b >= 65 and b <= 90) or (b >= 97 and b <= 122) or b == HYPHEN
end

-- What Lua's %s matches: space, \t, \n, \v, \f and \r.
local function is_space(b)
    return b == 32 or (b >= 9 and b <= 13)
end

local function starts_with(bytes, start, stop, prefix)
    if stop - start < #prefix then
        return false
    end
    for k = 1, #prefix do
        if bytes[start + k - 1] ~= str_byte(prefix, k) then
            return false
        end
    end
    return true
end

-- Names that CSS-in-JS and CSS modules generate per build (`css-1x2y3z`, `sc-bdVaJa`,
-- `Button_primary__3xk9e`): they change with every deploy, so they can't identify an element.
-- The class in bytes [start, stop) has three digits in a row, a `css-` or `sc-` prefix, or a digit
-- in a run of letters, digits and hyphens that follows "__".
local function is_generated(bytes, start, stop)
    if starts_with(bytes, start, stop, "css-") or starts_with(bytes, start, stop, "sc-") then
        return true
    end
    local digits, after_underscores = 0, false
    for i = start, stop - 1 do
        local b = bytes[i]
        if is_digit(b) then
            digits = digits + 1
            if digits == 3 or after_underscores then
                return true
            end
        else
            digits = 0
            if b == UNDERSCORE then
                after_underscores = i > start and bytes[i - 1] == UNDERSCORE
            elseif not is_word(b) then
                after_underscores = false
            end
        end
    end
    return false
end

-- Per worker, reused: each event's classes are joined before the next event's are read.
local kept = {}

-- The element's class names without generated ones, whitespace folded.
local function stable_classes(classes)
    local bytes = cast(BYTES, classes)
    local length = #classes
    local n, i = 0, 0
    while i < length do
        if is_space(bytes[i]) then
            i = i + 1
        else
            local start = i
            while i < length and not is_space(bytes[i]) do
                i = i + 1
            end
            if not is_generated(bytes, start, i) then
                n = n + 1
                kept[n] = str_sub(classes, start + 1, i)
            end
        end
    end
    return tbl_concat(kept, " ", 1, n)
end

-- "$download" or "$outbound" for a click on a link to a file or to another host, else nil.
local function link_click_name(href, page_host)
    local host, path = url_parse(href)
    if not host then
        -- mailto:, tel:, javascript: … are neither.
        return nil
    end
    local extension = str_match(path, "%.(%w+)$")
    if extension and DOWNLOAD_EXTENSIONS[str_lower(extension)] then
        return "$download"
    end
    if host ~= page_host then
        return "$outbound"
    end
    return nil
end

-- Completes the row values of an autocaptured event (name, el_href and el_classes already set)
-- on the page at `page_host`.
function _M.complete(values, page_host)
    if values.el_classes ~= "" then
        values.el_classes = stable_classes(values.el_classes)
    end
    if values.name == "$autocapture" and values.el_href ~= "" then
        values.name = link_click_name(values.el_href, page_host) or "$autocapture"
    end
end

return _M
