-- The flags the backend publishes for each site (`<flags dir>/<site id>.json`, written atomically: see
-- config/src/flags-document.ts), cached per worker. A site's copy is read again once it is
-- RECHECK_SECONDS old, when a request for the site asks, so a change is served within that time of its
-- publication; the text is parsed again only when it changed. A missing, unreadable or broken document
-- is no flags (fail closed: every flag off, the page's own defaults apply).
local cjson = require "cjson.safe"

local io_open = io.open
local type = type
local ngx = ngx

local _M = { _VERSION = '0.1' }

-- How stale a worker's copy may be: part of the bound on how soon a change reaches browsers
-- (docs/operations.md, "Feature flags").
local RECHECK_SECONDS = 1
-- The backend bounds a site's flags, rules and values far below this; anything larger is not a document.
local MAX_DOCUMENT_BYTES = 1024 * 1024

local EMPTY = { version = "", flags = {} }

local dir
-- site id → { checked_at, text, document }: bounded by the sites of the sites file, the only ids asked for.
local cache = {}

function _M.init(flags_dir)
    dir = flags_dir
end

local function read(site_id)
    local file = io_open(dir .. "/" .. site_id .. ".json", "rb")
    if not file then
        return nil
    end
    local text = file:read(MAX_DOCUMENT_BYTES + 1)
    file:close()
    if not text or #text > MAX_DOCUMENT_BYTES then
        return nil
    end
    return text
end

local function parse(text)
    local document = text and cjson.decode(text)
    if type(document) ~= "table" or type(document.flags) ~= "table" or type(document.version) ~= "string" then
        return EMPTY
    end
    return document
end

-- The site's published document: `version` (a content hash) and `flags`, or an empty one.
function _M.get(site_id)
    local now = ngx.now()
    local entry = cache[site_id]
    if entry and now - entry.checked_at < RECHECK_SECONDS then
        return entry.document
    end
    local text = read(site_id)
    if entry and entry.text == text then
        entry.checked_at = now
        return entry.document
    end
    entry = { checked_at = now, text = text, document = parse(text) }
    cache[site_id] = entry
    return entry.document
end

return _M
