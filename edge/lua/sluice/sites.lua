-- Public site keys → sites, from the file the backend writes atomically. Every worker re-reads it
-- on a timer, so a change applies within seconds without a reload and no request waits on it.
-- Fail-safe by design: a missing or broken file keeps the last good set (events for known sites
-- keep flowing) and is reported once, as a warning.
local cjson = require "cjson.safe"

local io_open = io.open
local ipairs = ipairs
local type = type
local str_lower = string.lower
local math_floor = math.floor
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local ngx_WARN = ngx.WARN
local ngx_timer_every = ngx.timer.every
local ngx_worker_id = ngx.worker.id

local _M = { _VERSION = '0.1' }

local RELOAD_INTERVAL_SECONDS = 2
local UINT32_MAX = 4294967295

local path
local last_text
local by_key = {}
-- The trouble last reported, so a broken file is one warning rather than one every two seconds.
local reported

local function warn_once(trouble)
    if reported == trouble then
        return
    end
    reported = trouble
    -- Every worker sees the same file: the master (at start) and the first worker speak for all.
    local worker = ngx_worker_id()
    if worker == nil or worker == 0 then
        ngx_log(ngx_WARN, "sites file ", path, ": ", trouble, "; keeping the last good set of sites")
    end
end

local function is_site_id(id)
    return type(id) == "number" and id >= 0 and id <= UINT32_MAX and math_floor(id) == id
end

-- Allowed page origins as a set (lower-cased), or nil when the site accepts any origin.
local function origin_set(list)
    if type(list) ~= "table" or #list == 0 then
        return nil
    end
    local set = {}
    for _, origin in ipairs(list) do
        if type(origin) == "string" then
            set[str_lower(origin)] = true
        end
    end
    return set
end

local function reload()
    local file = io_open(path, "rb")
    if not file then
        return warn_once("missing or unreadable")
    end
    local text = file:read("*a")
    file:close()
    if text == last_text then
        return
    end
    local parsed = cjson.decode(text or "")
    if type(parsed) ~= "table" or type(parsed.sites) ~= "table" then
        return warn_once("not a JSON object with a sites list")
    end
    local fresh = {}
    for _, site in ipairs(parsed.sites) do
        -- A malformed entry is skipped alone: one bad site must not stop the others.
        if type(site) == "table" and type(site.key) == "string" and is_site_id(site.id) then
            fresh[site.key] = {
                id = site.id,
                origins = origin_set(site.allowedOrigins),
                drop_bots = site.botPolicy == "drop",
                keep_client_ids = site.privacyMode == "persistent",
            }
        end
    end
    by_key = fresh
    last_text = text
    reported = nil
end

function _M.init(sites_file)
    path = sites_file
    reload()
end

function _M.init_worker()
    local ok, err = ngx_timer_every(RELOAD_INTERVAL_SECONDS, function(premature)
        if not premature then
            reload()
        end
    end)
    if not ok then
        ngx_log(ngx_ERR, "cannot schedule the sites reload, site changes need a restart: ", err)
    end
end

function _M.lookup(key)
    return by_key[key]
end

-- Whether a beacon from a page on `origin` may be recorded for `site`. Requests without an Origin
-- header (server-side calls, the image fallback) can't be told apart by it and are allowed.
function _M.origin_allowed(site, origin)
    return not site.origins or not origin or site.origins[str_lower(origin)] == true
end

return _M
