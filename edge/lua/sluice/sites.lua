-- Public site keys → sites, from the file the backend writes atomically. One worker reads the file
-- every second into a shared dict (text and a version number); every worker rebuilds its own
-- lookup table when the version moves (on its own timer, or at once when asked for a key it lacks). A
-- change so applies within seconds, in all workers at once, without a reload, and no request waits on
-- the file. Fail-safe by design: a missing or broken file keeps
-- the last good set (events for known sites keep flowing) and is reported once, as a warning.
local cjson = require "cjson.safe"
local address_ranges = require "sluice.address_ranges"
local page_patterns = require "sluice.page_patterns"

local io_open = io.open
local ipairs = ipairs
local pairs = pairs
local type = type
local str_lower = string.lower
local str_match = string.match
local math_floor = math.floor
local ngx = ngx
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local ngx_WARN = ngx.WARN
local ngx_timer_every = ngx.timer.every
local ngx_worker_id = ngx.worker.id

local _M = { _VERSION = '0.1' }

local RELOAD_INTERVAL_SECONDS = 1
local UINT32_MAX = 4294967295

local path
local dict
-- This worker's lookup tables, built from the dict's text of version `version`.
local version
local by_key = {}
-- Origins any site accepts, for preflights (which name no site); nil once some site accepts any.
local preflight_origins = {}
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

-- The strings of a JSON list (anything else in it, or a non-list, counts for nothing).
local function string_list(list)
    local strings = {}
    if type(list) == "table" then
        for _, item in ipairs(list) do
            if type(item) == "string" and item ~= "" then
                strings[#strings + 1] = item
            end
        end
    end
    return strings
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

-- Countries as a set of their codes ("CN"), or nil for none (the request then checks nothing).
local function country_set(list)
    local set
    for _, code in ipairs(string_list(list)) do
        if str_match(code, "^%u%u$") then
            set = set or {}
            set[code] = true
        end
    end
    return set
end

-- The hosts of a site's allowed origins ("https://shop.example:8443" → "shop.example"), as a set.
local function origin_hosts(origins)
    local hosts = {}
    for origin in pairs(origins or {}) do
        local host = str_match(origin, "^%a[%w+.-]*://([^/:]+)")
        if host then
            hosts[host] = true
        end
    end
    return hosts
end

-- The site's domain, lower-cased, or nil when it names none (then any page host is the site's).
local function domain_of(domain)
    return type(domain) == "string" and domain ~= "" and str_lower(domain) or nil
end

-- The sites of a file's text, or nil when it is not a sites file.
local function parse(text)
    local parsed = cjson.decode(text)
    if type(parsed) ~= "table" or type(parsed.sites) ~= "table" then
        return nil
    end
    local sites = {}
    for _, site in ipairs(parsed.sites) do
        -- A malformed entry is skipped alone: one bad site must not stop the others.
        if type(site) == "table" and type(site.key) == "string" and is_site_id(site.id) then
            local origins = origin_set(site.allowedOrigins)
            local domain = domain_of(site.domain)
            sites[site.key] = {
                id = site.id,
                origins = origins,
                -- The page hosts that are the site's (sluice.claims): the domain, its subdomains
                -- (ending in domain_suffix) and the allowed origins' hosts.
                domain = domain,
                domain_suffix = domain and "." .. domain,
                origin_hosts = origin_hosts(origins),
                drop_bots = site.botPolicy == "drop",
                keep_client_ids = site.privacyMode == "persistent",
                secrets = string_list(site.signingSecrets),
                -- Client addresses whose events are dropped unseen (sluice.address_ranges); nil for none.
                blocked = address_ranges.parse_list(site.blockedAddresses),
                blocked_countries = country_set(site.blockedCountries),
                -- Page paths whose events are dropped unseen (sluice.page_patterns); nil for none.
                blocked_pages = page_patterns.compile_list(site.blockedPages),
            }
        end
    end
    return sites
end

-- The file → the dict, when its text changed and is a sites file.
local function read_file()
    local file = io_open(path, "rb")
    if not file then
        return warn_once("missing or unreadable")
    end
    local text = file:read("*a") or ""
    file:close()
    if text == dict:get("text") then
        return
    end
    if not parse(text) then
        return warn_once("not a JSON object with a sites list")
    end
    local ok, err = dict:set("text", text)
    if not ok then
        return warn_once("cannot be shared between workers (" .. err .. "); raise lua_shared_dict sluice_sites")
    end
    dict:incr("version", 1, 0)
    reported = nil
end

-- The dict → this worker's tables, when the version moved.
local function refresh()
    local current = dict:get("version")
    if current == version then
        return
    end
    local sites = parse(dict:get("text") or "")
    if not sites then
        return
    end
    local origins = {}
    for _, site in pairs(sites) do
        if not site.origins then
            origins = nil
            break
        end
        for origin in pairs(site.origins) do
            origins[origin] = true
        end
    end
    by_key, preflight_origins, version = sites, origins, current
end

-- In the master, before workers fork: they start with the sites the file holds now.
function _M.init(sites_file, dict_name)
    path = sites_file
    dict = ngx.shared[dict_name]
    if not dict then
        return nil, "no lua_shared_dict " .. dict_name .. " for the sites"
    end
    read_file()
    refresh()
    return true
end

function _M.init_worker()
    local ok, err = ngx_timer_every(RELOAD_INTERVAL_SECONDS, function(premature)
        if not premature then
            -- One reader is enough; the others only follow the dict.
            if ngx_worker_id() == 0 then
                read_file()
            end
            refresh()
        end
    end)
    if not ok then
        ngx_log(ngx_ERR, "cannot schedule the sites reload, site changes need a restart: ", err)
    end
end

function _M.lookup(key)
    local site = by_key[key]
    if site == nil then
        -- A key this worker doesn't know may be of a site the dict holds already: another worker's timer
        -- read the new file first. Caught up at once, a new site is served by every worker from its first
        -- beacon (a miss costs a shared-dict read; the tables are rebuilt only when the version moved).
        refresh()
        site = by_key[key]
    end
    return site
end

-- Whether a CORS preflight from `origin` gets an answer: when some site accepts that origin (a
-- preflight names no site, so its beacon is then judged against its own site's list).
function _M.preflight_allowed(origin)
    return not preflight_origins or preflight_origins[str_lower(origin)] == true
end

-- Whether a beacon from a page on `origin` may be recorded for `site` (sluice.claims finds the
-- origin of a request that sends no Origin header).
function _M.origin_allowed(site, origin)
    return not site.origins or site.origins[str_lower(origin)] == true
end

return _M
