-- What the edge completes in an autocaptured click or submit, so that every tracker needn't ship
-- the rules: which link clicks are downloads or outbound, and which class names are stable.
local url_parse = require("sluice.url").parse

local str_find = string.find
local str_gmatch = string.gmatch
local str_lower = string.lower
local str_match = string.match
local tbl_concat = table.concat

local _M = { _VERSION = '0.1' }

-- File types a link click downloads (by the extension of the link's path).
local DOWNLOAD_EXTENSIONS = {}
for extension in str_gmatch("pdf zip gz tgz rar 7z dmg pkg exe msi apk iso epub txt rtf csv xls xlsx doc docx "
    .. "ppt pptx pps key mp3 mp4 wav wma avi mov mpeg wmv midi", "%S+") do
    DOWNLOAD_EXTENSIONS[extension] = true
end

-- Names that CSS-in-JS and CSS modules generate per build (`css-1x2y3z`, `sc-bdVaJa`,
-- `Button_primary__3xk9e`): they change with every deploy, so they can't identify an element.
local function is_generated(class)
    return str_find(class, "%d%d%d") or str_find(class, "^css%-") or str_find(class, "^sc%-")
        or str_find(class, "__[%w%-]*%d")
end

-- The element's class names without generated ones, whitespace folded.
local function stable_classes(classes)
    local kept = {}
    for class in str_gmatch(classes, "%S+") do
        if not is_generated(class) then
            kept[#kept + 1] = class
        end
    end
    return tbl_concat(kept, " ")
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
