-- Beacons that claim too much: a page on another site's host, a page origin a site does not allow
-- (named by Origin, or by Referer when a request sends no Origin), and one address minting visitor ids
-- by the hundred in persistent mode. Each finding is a reason from a fixed set, counted as a metric
-- label like a bot's: origin_missing and origin_not_allowed refuse the batch (403);
-- foreign_hostname and too_many_visitors flag the event (is_bot = 1) or drop it, by the site's bot
-- policy, as a bot's would be.
local sites = require "sluice.sites"

local math_floor = math.floor
local str_find = string.find
local str_sub = string.sub
local ngx = ngx
local ngx_time = ngx.time
local ngx_var = ngx.var

local _M = { _VERSION = '0.1' }

-- Visitor ids one address may bring to one site in a minute, in persistent mode: a household or an
-- office behind one address brings a few; a script minting ids brings thousands.
local VISITOR_IDS_PER_ADDRESS = 60
local WINDOW_SECONDS = 60
-- Entries outlive their window by one, so a window's count is whole while it is read.
local WINDOW_TTL_SECONDS = 2 * WINDOW_SECONDS
-- An origin's scheme is short ("https"); a "://" further in is inside a path, not after a scheme.
local MAX_SCHEME_LENGTH = 16

-- Visitor ids seen per address, site and window, with a count per address (see too_many_visitors).
local visitors

function _M.init(dict_name)
    visitors = ngx.shared[dict_name]
    if not visitors then
        return nil, "no lua_shared_dict " .. dict_name .. " for the visitor ids per address"
    end
    return true
end

-- The origin (scheme://host[:port]) of a Referer value, or nil when it names none.
local function referer_origin(referer)
    if not referer then
        return nil
    end
    local scheme_end = str_find(referer, "://", 1, true)
    if not scheme_end or scheme_end > MAX_SCHEME_LENGTH then
        return nil
    end
    local path_start = str_find(referer, "/", scheme_end + 3, true)
    return str_sub(referer, 1, (path_start or #referer + 1) - 1)
end

-- Why a browser's batch may not be recorded for `site` by its page's origin, or nil when it may. A
-- site with allowed origins judges every beacon by them: by its Origin header, else by its Referer's
-- origin (an image request or an old browser sends only that; read only then), else it is refused.
function _M.origin_refusal(site, origin)
    if not site.origins then
        return nil
    end
    local page_origin = origin or referer_origin(ngx_var.http_referer)
    if not page_origin then
        return "origin_missing"
    end
    if not sites.origin_allowed(site, page_origin) then
        return "origin_not_allowed"
    end
    return nil
end

-- Whether a page's host is the site's: its domain, a subdomain of it, or the host of one of its
-- allowed origins. A site without a domain accepts any host.
local function foreign_hostname(site, hostname)
    local domain = site.domain
    if not domain or hostname == domain or site.origin_hosts[hostname] then
        return false
    end
    local suffix = site.domain_suffix
    local start = #hostname - #suffix + 1
    return start <= 1 or not str_find(hostname, suffix, start, true)
end

-- The key that counts an address's visitor ids for a site in the current window (the address as its
-- salted hash, as visitor ids are made, so the dict names no address); computed once per batch.
function _M.address_key(site_id, address_hash)
    return site_id .. ":" .. address_hash .. ":" .. math_floor(ngx_time() / WINDOW_SECONDS)
end

-- Whether `visitor_id` is beyond the bound of ids its address brought in this window. An id already
-- counted passes; past the bound, a new id is refused without being stored, so a flood from one
-- address costs the dict at most the bound's worth of entries per window.
local function too_many_visitors(address_key, visitor_id)
    local id_key = address_key .. ":" .. visitor_id
    if visitors:get(id_key) then
        return false
    end
    if (visitors:get(address_key) or 0) >= VISITOR_IDS_PER_ADDRESS then
        return true
    end
    -- Two workers adding the same id at once: only the one whose add succeeded counts it.
    if visitors:add(id_key, true, WINDOW_TTL_SECONDS) then
        visitors:incr(address_key, 1, 0, WINDOW_TTL_SECONDS)
    end
    return false
end

-- Why an event's claims give it away, or nil. `request.site` is its site; `request.address_key`
-- is set only where a client's own visitor ids are kept (persistent mode, unsigned batches), and
-- only such an id (not the edge's hash, which one address and user agent can't multiply) is counted.
-- Events of a batch mostly share one id: the last verdict is kept for the next event.
function _M.event_reason(request, hostname, visitor_id)
    local site = request.site
    if site and foreign_hostname(site, hostname) then
        return "foreign_hostname"
    end
    local address_key = request.address_key
    if not address_key or visitor_id == request.visitor_id then
        return nil
    end
    if visitor_id ~= request.counted_visitor_id then
        request.counted_visitor_id = visitor_id
        request.counted_too_many = too_many_visitors(address_key, visitor_id)
    end
    return request.counted_too_many and "too_many_visitors" or nil
end

return _M
